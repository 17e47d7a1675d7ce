package io.hakit.proxy.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events per second as HAProxy's {@code rate} columns report them: events are counted in
 * one-second periods; the rate read at a moment is the count of the period under way plus the
 * previous period's count weighted by the share of it still inside the last second (a sliding
 * one-second window estimated from two buckets). The maximum is the largest count one period
 * reached ({@code rate_max}).
 *
 * <p>Writers on any event loop: the period number and its count share one {@link AtomicLong}
 * (period in the high 32 bits, count in the low 32), bumped by compare-and-set without locks
 * nor allocation; readers on any thread.
 */
public final class EventRate {
  private static final long PERIOD_NANOS = 1_000_000_000L;
  private static final long COUNT_MASK = 0xffff_ffffL;

  private final AtomicLong current = new AtomicLong();
  /** The period that {@link #current} held before it last moved on, packed the same way. */
  private volatile long previous;
  private final AtomicInteger max = new AtomicInteger();

  /** One event now. */
  public void add() {
    add(System.nanoTime());
  }

  void add(long nowNanos) {
    long period = period(nowNanos);
    for (int attempt = 0; ; attempt++) {
      long cur = current.get();
      boolean samePeriod = (cur >>> 32) == period;
      long next = samePeriod ? cur + 1 : (period << 32) | 1;
      if (current.compareAndSet(cur, next)) {
        if (!samePeriod) {
          previous = cur;
        }
        int count = (int) (next & COUNT_MASK);
        if (count > max.get()) {
          max.accumulateAndGet(count, Math::max);
        }
        return;
      }
      if (attempt > 1_000) {
        // Only other writers can make the CAS fail; they counted, so this event may be dropped.
        return;
      }
    }
  }

  /** Events over the last second. */
  public int rate() {
    return rate(System.nanoTime());
  }

  int rate(long nowNanos) {
    long period = period(nowNanos);
    long cur = current.get();
    long prev = previous;
    long inPeriod;
    long before;
    if ((cur >>> 32) == period) {
      inPeriod = cur & COUNT_MASK;
      before = (prev >>> 32) == ((period - 1) & COUNT_MASK) ? prev & COUNT_MASK : 0;
    } else if ((cur >>> 32) == ((period - 1) & COUNT_MASK)) {
      inPeriod = 0;
      before = cur & COUNT_MASK;
    } else {
      return 0;
    }
    long elapsed = Math.floorMod(nowNanos, PERIOD_NANOS);
    // Rounded up: a single event within the last second reads as 1, never 0.
    return (int) (inPeriod + (before * (PERIOD_NANOS - elapsed) + PERIOD_NANOS - 1) / PERIOD_NANOS);
  }

  /** The most events one period has counted. */
  public int max() {
    return max.get();
  }

  /** {@code clear counters}: the maximum starts again. */
  public void clearMax() {
    max.set(0);
  }

  /** {@code clear counters all}: everything back to zero. */
  public void clear() {
    current.set(0);
    previous = 0;
    max.set(0);
  }

  /** The period number of a moment, in 32 bits (the wrap after 136 years of uptime is harmless). */
  private static long period(long nanos) {
    return Math.floorDiv(nanos, PERIOD_NANOS) & COUNT_MASK;
  }
}
