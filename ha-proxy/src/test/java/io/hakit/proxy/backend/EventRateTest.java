package io.hakit.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventRateTest {
  private static final long SECOND = 1000;
  /** A period start as System.currentTimeMillis() gives one. */
  private static final long T0 = 1_764_000_000L * SECOND;

  @Test
  void rate_eventsInThisSecond_countsThem() {
    EventRate r = new EventRate();
    for (int i = 0; i < 5; i++) {
      r.add(T0 + i);
    }
    assertThat(r.rate(T0 + 10)).isEqualTo(5);
    assertThat(r.max()).isEqualTo(5);
  }

  @Test
  void rate_previousSecond_weightedByWhatRemainsOfTheWindow() {
    EventRate r = new EventRate();
    for (int i = 0; i < 10; i++) {
      r.add(T0 + i);
    }
    r.add(T0 + SECOND + 1);
    // A quarter into the next period: 3/4 of the previous 10 plus the 1 of this one.
    assertThat(r.rate(T0 + SECOND + SECOND / 4)).isEqualTo(1 + 8);
    assertThat(r.max()).isEqualTo(10);
  }

  @Test
  void rate_afterTwoIdleSeconds_isZeroButMaxStays() {
    EventRate r = new EventRate();
    r.add(T0);
    r.add(T0 + 1);
    assertThat(r.rate(T0 + SECOND + SECOND / 2)).isEqualTo(1);
    assertThat(r.rate(T0 + 2 * SECOND + 1)).isZero();
    assertThat(r.max()).isEqualTo(2);
    r.clearMax();
    assertThat(r.max()).isZero();
  }

  @Test
  void add_fromManyThreads_countsEveryEventOfOnePeriod() throws Exception {
    EventRate r = new EventRate();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          r.add(T0 + 5);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(r.rate(T0 + 6)).isEqualTo(40_000);
    assertThat(r.max()).isEqualTo(40_000);
  }
}
