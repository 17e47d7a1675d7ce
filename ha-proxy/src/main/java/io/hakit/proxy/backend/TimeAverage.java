package io.hakit.proxy.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A duration in milliseconds averaged over the last {@value #WINDOW} samples, as HAProxy 2.6
 * reports {@code qtime}, {@code ctime}, {@code rtime} and {@code ttime}, and its maximum ({@code
 * *_max}). Until the window is full the average is exact; after that each sample replaces
 * 1/{@value #WINDOW} of the running sum (a sliding average that forgets old samples without
 * keeping them).
 *
 * <p>Writers on any event loop: the sample count (11 bits) and the sum share one {@link
 * AtomicLong}, updated by compare-and-set without locks nor allocation; readers on any thread.
 */
public final class TimeAverage {
  static final int WINDOW = 1024;
  private static final int COUNT_BITS = 11;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  /** A sample beyond this (24 days) is clamped, so the sum never overflows its 53 bits. */
  private static final long MAX_SAMPLE = Integer.MAX_VALUE;

  private final AtomicLong state = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Adds one sample (ms); a negative one (phase not reached) is ignored. */
  public void add(long millis) {
    if (millis < 0) {
      return;
    }
    long v = Math.min(millis, MAX_SAMPLE);
    for (int attempt = 0; attempt < 1_000; attempt++) {
      long old = state.get();
      long n = old & COUNT_MASK;
      long sum = old >>> COUNT_BITS;
      if (n < WINDOW) {
        n++;
        sum += v;
      } else {
        sum = sum - sum / WINDOW + v;
      }
      if (state.compareAndSet(old, (sum << COUNT_BITS) | n)) {
        break;
      }
    }
    if (v > max.get()) {
      max.accumulateAndGet(v, Math::max);
    }
  }

  /** The average of the recent samples in ms, 0 before the first. */
  public long average() {
    long s = state.get();
    long n = s & COUNT_MASK;
    return n == 0 ? 0 : (s >>> COUNT_BITS) / n;
  }

  /** How many samples the average covers (at most {@value #WINDOW}). */
  public int samples() {
    return (int) (state.get() & COUNT_MASK);
  }

  public long max() {
    return max.get();
  }

  /** {@code clear counters}: the maximum starts again. */
  public void clearMax() {
    max.set(0);
  }

  /** {@code clear counters all}. */
  public void clear() {
    state.set(0);
    max.set(0);
  }
}
