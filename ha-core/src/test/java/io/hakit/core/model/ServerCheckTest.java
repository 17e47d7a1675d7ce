package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerCheckTest {

  @Test
  void defaults_areHaproxyDefaults() {
    assertThat(ServerCheck.ENABLED.enabled()).isTrue();
    assertThat(ServerCheck.DISABLED.enabled()).isFalse();
    assertThat(ServerCheck.ENABLED.inter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(ServerCheck.ENABLED.rise()).isEqualTo(2);
    assertThat(ServerCheck.ENABLED.fall()).isEqualTo(3);
    assertThat(ServerCheck.ENABLED.port()).isZero();
    assertThat(ServerCheck.ENABLED.addr()).isNull();
    assertThat(ServerCheck.DISABLED.withEnabled(true)).isEqualTo(ServerCheck.ENABLED);
  }

  @Test
  void effectiveIntervals_unset_fallBackToInter() {
    ServerCheck check = new ServerCheck(true, Duration.ofSeconds(5), null, null, 2, 3, 0, null);

    assertThat(check.effectiveFastinter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(check.effectiveDowninter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void effectiveIntervals_set_areUsed() {
    ServerCheck check = new ServerCheck(true, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
        2, 3, 8080, "127.0.0.2");

    assertThat(check.effectiveFastinter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(check.effectiveDowninter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(check.port()).isEqualTo(8080);
    assertThat(check.addr()).isEqualTo("127.0.0.2");
  }

  @Test
  void intervals_notPositive_areRejected() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ZERO, null, null, 2, 3, 0, null))
        .withMessage("inter: PT0S (expected: > 0)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ofSeconds(2), Duration.ofMillis(-1), null, 2, 3, 0, null))
        .withMessage("fastinter: PT-0.001S (expected: > 0)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ofSeconds(2), null, Duration.ZERO, 2, 3, 0, null))
        .withMessage("downinter: PT0S (expected: > 0)");
  }

  @Test
  void riseFallPort_outOfRange_areRejected() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ofSeconds(2), null, null, 0, 3, 0, null))
        .withMessageStartingWith("rise: 0 (expected: 1-");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ofSeconds(2), null, null, 2, 0, 0, null))
        .withMessageStartingWith("fall: 0 (expected: 1-");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ofSeconds(2), null, null, 2, 3, 65536, null))
        .withMessage("check port: 65536 (expected: 0-65535)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new ServerCheck(true, Duration.ofSeconds(2), null, null, 2, 3, -1, null))
        .withMessage("check port: -1 (expected: 0-65535)");
  }
}
