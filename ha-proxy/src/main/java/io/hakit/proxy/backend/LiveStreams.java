package io.hakit.proxy.backend;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The streams (a TCP connection, or an HTTP request being served) a frontend is handling now, for
 * {@code show sess}. Each event loop keeps its own doubly linked list, touched only by that loop:
 * linking and unlinking cost a few field writes, no lock and no allocation (a session allocates
 * its {@link Stream} once and links it again for each request). A reader on another thread asks
 * each loop for a snapshot of its list and waits a bounded time for the answers.
 */
public final class LiveStreams {
  private static final AtomicLong IDS = new AtomicLong(0x1000);

  /** The head (a sentinel) of each loop's list. */
  private final Map<EventExecutor, Stream> heads = new ConcurrentHashMap<>();

  /** What {@code show sess} prints about one stream, taken on its loop. */
  public record Snapshot(long id, @Nullable InetSocketAddress source, @Nullable String backend,
      @Nullable String server, long ageMillis) {}

  /** A stream of a client connection, owned by the connection's event loop. */
  public static final class Stream {
    private final long id = IDS.getAndIncrement();
    private final @Nullable EventExecutor loop;
    private final @Nullable InetSocketAddress source;
    private @Nullable Stream prev;
    private @Nullable Stream next;
    private boolean linked;
    private long startNanos;
    /** The backend and server serving it, once chosen (written on the loop). */
    public @Nullable BackendState backend;
    public @Nullable ServerState server;

    private Stream(@Nullable EventExecutor loop, @Nullable InetSocketAddress source) {
      this.loop = loop;
      this.source = source;
    }

    /** Leaves the list (the request or connection ended); idempotent; on the loop. */
    public void unlink() {
      if (!linked) {
        return;
      }
      prev.next = next;
      if (next != null) {
        next.prev = prev;
      }
      prev = null;
      next = null;
      linked = false;
    }

    private Snapshot snapshot(long nowNanos) {
      return new Snapshot(id, source, backend == null ? null : backend.name(), server == null ? null : server.name(),
          TimeUnit.NANOSECONDS.toMillis(nowNanos - startNanos));
    }
  }

  /** A stream for a client connection, not listed yet; on the connection's loop. */
  public Stream create(Channel client) {
    InetSocketAddress from = client.remoteAddress() instanceof InetSocketAddress a ? a : null;
    return new Stream(client.eventLoop(), from);
  }

  /** Lists the stream from now (a connection or request starts), as new; on its loop. */
  public void link(Stream s) {
    if (s.linked || s.loop == null) {
      return;
    }
    Stream head = heads.get(s.loop);
    if (head == null) {
      head = heads.computeIfAbsent(s.loop, l -> new Stream(null, null));
    }
    s.startNanos = System.nanoTime();
    s.backend = null;
    s.server = null;
    s.prev = head;
    s.next = head.next;
    if (head.next != null) {
      head.next.prev = s;
    }
    head.next = s;
    s.linked = true;
  }

  /**
   * The streams of every loop, asking each loop in turn (at most {@code waitMillis} each; a loop
   * that is gone or too busy to answer is left out).
   */
  public List<Snapshot> snapshot(long waitMillis) {
    List<Snapshot> out = new ArrayList<>();
    for (Map.Entry<EventExecutor, Stream> e : heads.entrySet()) {
      Stream head = e.getValue();
      try {
        Future<List<Snapshot>> f = e.getKey().submit(() -> {
          List<Snapshot> list = new ArrayList<>();
          long now = System.nanoTime();
          for (Stream s = head.next; s != null && list.size() < 100_000; s = s.next) {
            list.add(s.snapshot(now));
          }
          return list;
        });
        out.addAll(f.get(waitMillis, TimeUnit.MILLISECONDS));
      } catch (RejectedExecutionException | ExecutionException | TimeoutException ex) {
        // A stopped or stuck loop: its streams are not shown.
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }
}
