package io.hakit.proxy.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;

/**
 * One event loop's {@link TimerLane}s, one per distinct timeout duration (a config has a handful:
 * http-request, keep-alive, client, server, queue, tunnel). Lives in a thread local of the loop's
 * thread, so it goes away with the loop. Confined to the loop.
 */
final class TimerLanes {
  private static final FastThreadLocal<TimerLanes> CURRENT = new FastThreadLocal<>();

  private final EventLoop loop;
  private TimerLane[] lanes = new TimerLane[0];

  private TimerLanes(EventLoop loop) {
    this.loop = loop;
  }

  /** The lanes of {@code loop}; must be called on its thread. */
  static TimerLanes of(EventLoop loop) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("a DeadlineTimer is created on its event loop's thread");
    }
    TimerLanes l = CURRENT.get();
    if (l == null || l.loop != loop) {
      l = new TimerLanes(loop);
      CURRENT.set(l);
    }
    return l;
  }

  /** The lanes of the loop this thread runs, which {@link #of} has created. */
  static TimerLanes current() {
    TimerLanes l = CURRENT.get();
    if (l == null) {
      throw new IllegalStateException("a DeadlineTimer is armed on its event loop's thread");
    }
    return l;
  }

  /** The lane for this duration, created on first use. */
  TimerLane lane(long nanos) {
    for (TimerLane l : lanes) {
      if (l.nanos == nanos) {
        return l;
      }
    }
    TimerLane l = new TimerLane(loop, nanos);
    lanes = Arrays.copyOf(lanes, lanes.length + 1);
    lanes[lanes.length - 1] = l;
    return l;
  }
}
