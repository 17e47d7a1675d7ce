package io.hakit.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeAverageTest {
  @Test
  void average_fewSamples_isTheirExactMeanAndMax() {
    TimeAverage t = new TimeAverage();
    assertThat(t.average()).isZero();
    t.add(10);
    t.add(20);
    t.add(33);
    t.add(-1);
    assertThat(t.average()).isEqualTo(21);
    assertThat(t.samples()).isEqualTo(3);
    assertThat(t.max()).isEqualTo(33);
  }

  @Test
  void average_beyondTheWindow_followsRecentSamples() {
    TimeAverage t = new TimeAverage();
    for (int i = 0; i < TimeAverage.WINDOW; i++) {
      t.add(1000);
    }
    assertThat(t.average()).isEqualTo(1000);
    // Many more samples of 10 ms: the old 1000s fade out.
    for (int i = 0; i < 20 * TimeAverage.WINDOW; i++) {
      t.add(10);
    }
    assertThat(t.samples()).isEqualTo(TimeAverage.WINDOW);
    assertThat(t.average()).isBetween(10L, 12L);
    assertThat(t.max()).isEqualTo(1000);
  }

  @Test
  void clear_resetsAverageAndMax() {
    TimeAverage t = new TimeAverage();
    t.add(5);
    t.clearMax();
    assertThat(t.max()).isZero();
    assertThat(t.average()).isEqualTo(5);
    t.clear();
    assertThat(t.average()).isZero();
    assertThat(t.samples()).isZero();
  }
}
