package io.hakit.proxy.syslog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The log targets of one proxy, immutable and shared by its event loops. {@link #send} builds each
 * target's line in buffers owned by the calling thread, so event loops never contend.
 */
public final class LogTargets {
  /** A target with its open sender. */
  record Bound(TargetSpec spec, LineSender sender) {}

  /** Nothing is sent: a proxy without {@code log} lines. */
  public static final LogTargets NONE =
      new LogTargets(List.of(), new LineHeader("", null, 0, java.time.ZoneOffset.UTC), new LongAdder());

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final List<Bound> targets;
  private final LineHeader header;
  private final LongAdder dropped;

  LogTargets(List<Bound> targets, LineHeader header, LongAdder dropped) {
    this.targets = targets;
    this.header = header;
    this.dropped = dropped;
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /** Sends one line to every target whose level range takes this severity. */
  public void send(Severity severity, CharSequence message) {
    if (targets.isEmpty()) {
      return;
    }
    Scratch scratch = SCRATCH.get();
    Instant now = Instant.now();
    for (Bound t : targets) {
      TargetSpec spec = t.spec();
      if (!spec.accepts(severity)) {
        continue;
      }
      StringBuilder text = scratch.text;
      text.setLength(0);
      spec.format().append(text, spec.facility(), severity, now, header.zone(), header.hostname(), header.tag(),
          header.pid());
      text.append(message);
      ByteBuffer line = scratch.encode(text, spec.maxLength(), t.sender().needsDirect());
      if (!t.sender().send(line)) {
        dropped.increment();
      }
    }
  }

  /** Per-thread buffers: a line is formatted and encoded without allocating per call. */
  private static final class Scratch {
    final StringBuilder text = new StringBuilder(256);
    final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer heap = ByteBuffer.allocate(TargetSpec.DEFAULT_LENGTH + 1);
    ByteBuffer direct = ByteBuffer.allocateDirect(TargetSpec.DEFAULT_LENGTH + 1);

    /**
     * Encodes at most {@code maxLength} bytes (HAProxy's {@code len} truncation, never splitting a
     * character), then the line feed HAProxy ends every line with.
     */
    ByteBuffer encode(CharSequence text, int maxLength, boolean direct) {
      ByteBuffer buf = direct ? this.direct : heap;
      if (buf.capacity() < maxLength + 1) {
        buf = direct ? ByteBuffer.allocateDirect(maxLength + 1) : ByteBuffer.allocate(maxLength + 1);
        if (direct) {
          this.direct = buf;
        } else {
          heap = buf;
        }
      }
      buf.clear().limit(maxLength);
      encoder.reset();
      encoder.encode(CharBuffer.wrap(text), buf, true);
      buf.limit(maxLength + 1);
      buf.put((byte) '\n');
      return buf.flip();
    }
  }
}
