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
 * nor allocation; readers on any thread. Writers pass the wall-clock time they already read
 * (a clock read costs as much as the rest of {@link #add(long)}); a clock step only makes one
 * period's count start over.
 */
public final class EventRate {
  private static final long PERIOD_MILLIS = 1000;
  private static final long COUNT_MASK = 0xffff_ffffL;

  private final AtomicLong current = new AtomicLong();
  /** The period that {@link #current} held before it last moved on, packed the same way. */
  private volatile long previous;
  private final AtomicInteger max = new AtomicInteger();

  /** One event at {@code nowMillis} (epoch ms, as System.currentTimeMillis() gives it). */
  public void add(long nowMillis) {
    long period = period(nowMillis);
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
    return rate(System.currentTimeMillis());
  }

  int rate(long nowMillis) {
    long period = period(nowMillis);
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
    long elapsed = Math.floorMod(nowMillis, PERIOD_MILLIS);
    // Rounded up: a single event within the last second reads as 1, never 0.
    return (int) (inPeriod + (before * (PERIOD_MILLIS - elapsed) + PERIOD_MILLIS - 1) / PERIOD_MILLIS);
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

  /** The period number of a moment, in 32 bits (seconds since the epoch fit until 2106). */
  private static long period(long millis) {
    return Math.floorDiv(millis, PERIOD_MILLIS) & COUNT_MASK;
  }
}
