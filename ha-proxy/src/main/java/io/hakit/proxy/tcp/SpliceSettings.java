package io.hakit.proxy.tcp;

import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.Setting;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide splice settings of the {@code global} section, shared by every TCP frontend of
 * one proxy: {@code nosplice} turns splicing off, {@code maxpipes} caps the pipes in use (one per
 * spliced direction; HAProxy's default is a quarter of the global maxconn, unlimited here when
 * maxconn is not set either), and {@code tune.bufsize} minus {@code tune.maxrewrite} is what a
 * read must fill for {@code option splice-auto} to count it as full. Thread-safe: the pipe count
 * is shared by the event loops.
 */
public final class SpliceSettings {
  /** No splicing at all (NIO, or a proxy built without a global section's say). */
  public static final SpliceSettings OFF = new SpliceSettings(false, 0, 0, "not configured");

  static final int DEFAULT_BUFSIZE = 16384;
  static final int DEFAULT_MAXREWRITE = 1024;

  private final boolean enabled;
  private final String offReason;
  private final int fullRead;
  private final AtomicInteger pipesLeft;

  private SpliceSettings(boolean enabled, int maxPipes, int fullRead, String offReason) {
    this.enabled = enabled;
    this.offReason = offReason;
    this.fullRead = fullRead;
    this.pipesLeft = new AtomicInteger(maxPipes);
  }

  /**
   * @param epoll whether the proxy runs on native epoll: splicing needs it, and is silently off
   *     otherwise (the buffered relay does the same job)
   */
  public static SpliceSettings of(GlobalSettings global, boolean epoll) {
    boolean nosplice = false;
    int maxPipes = global.maxconn() > 0 ? Math.max(1, global.maxconn() / 4) : Integer.MAX_VALUE;
    for (Setting s : global.other()) {
      if (s.keyword().equals("nosplice")) {
        nosplice = true;
      } else if (s.keyword().equals("maxpipes") && !s.args().isEmpty()) {
        maxPipes = parseCount(s.args().get(0), maxPipes);
      }
    }
    int bufsize = parseCount(global.tune().getOrDefault("tune.bufsize", ""), DEFAULT_BUFSIZE);
    int maxrewrite = Math.min(parseCount(global.tune().getOrDefault("tune.maxrewrite", ""), DEFAULT_MAXREWRITE),
        bufsize / 2);
    String off = !epoll ? "the transport is not native epoll" : nosplice ? "global nosplice" : "";
    return new SpliceSettings(epoll && !nosplice, maxPipes, Math.max(1, bufsize - maxrewrite), off);
  }

  private static int parseCount(String text, int fallback) {
    try {
      return Math.max(0, Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** False with {@code nosplice} or off epoll: then no frontend splices (options splice-* are ignored). */
  public boolean enabled() {
    return enabled;
  }

  /** Why splicing is off ("" when on), for a debug line. */
  String offReason() {
    return offReason;
  }

  /** Bytes one read burst must reach to count as a full buffer for {@code splice-auto}. */
  int fullRead() {
    return fullRead;
  }

  /** Takes a pipe for one spliced direction, or false when {@code maxpipes} are in use. */
  boolean takePipe() {
    while (true) {
      int left = pipesLeft.get();
      if (left <= 0) {
        return false;
      }
      if (pipesLeft.compareAndSet(left, left - 1)) {
        return true;
      }
    }
  }

  void returnPipe() {
    pipesLeft.incrementAndGet();
  }
}
