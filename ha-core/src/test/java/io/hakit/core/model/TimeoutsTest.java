package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

  @Test
  void none_hasNoValues() {
    assertThat(Timeouts.NONE.values()).isEmpty();
    assertThat(Timeouts.NONE.get(TimeoutKind.CLIENT)).isEmpty();
    assertThat(Timeouts.NONE.getOrDefault(TimeoutKind.CLIENT, Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void with_addsOrReplaces_withoutChangingOriginal() {
    Timeouts one = Timeouts.NONE.with(TimeoutKind.CLIENT, Duration.ofMinutes(1));
    Timeouts two = one.with(TimeoutKind.CLIENT, Duration.ofSeconds(5)).with(TimeoutKind.SERVER, Duration.ofMinutes(1));

    assertThat(one.get(TimeoutKind.CLIENT)).contains(Duration.ofMinutes(1));
    assertThat(one.get(TimeoutKind.SERVER)).isEmpty();
    assertThat(two.get(TimeoutKind.CLIENT)).contains(Duration.ofSeconds(5));
    assertThat(two.getOrDefault(TimeoutKind.SERVER, Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void constructor_copiesInput_andIsUnmodifiable() {
    Map<TimeoutKind, Duration> input = new HashMap<>();
    input.put(TimeoutKind.CONNECT, Duration.ofSeconds(10));
    Timeouts timeouts = new Timeouts(input);
    input.put(TimeoutKind.QUEUE, Duration.ofSeconds(1));

    assertThat(timeouts.values()).containsOnlyKeys(TimeoutKind.CONNECT);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> timeouts.values().put(TimeoutKind.QUEUE, Duration.ofSeconds(1)));
  }

  @Test
  void value_zeroOrNegative_namesTheTimeout() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Timeouts.NONE.with(TimeoutKind.HTTP_KEEP_ALIVE, Duration.ZERO))
        .withMessage("timeout http-keep-alive: PT0S (expected: > 0)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Timeouts.NONE.with(TimeoutKind.CLIENT, Duration.ofSeconds(-1)))
        .withMessage("timeout client: PT-1S (expected: > 0)");
  }

  @Test
  void timeoutKind_ofKeyword_roundTripsEveryKind() {
    for (TimeoutKind kind : TimeoutKind.values()) {
      assertThat(TimeoutKind.ofKeyword(kind.keyword())).isEqualTo(kind);
    }
    assertThat(TimeoutKind.ofKeyword("http-request")).isEqualTo(TimeoutKind.HTTP_REQUEST);
    assertThat(TimeoutKind.ofKeyword("clitimeout")).isNull();
  }
}
