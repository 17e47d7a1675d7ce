package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleConnectionPoolTest {
  @Test
  void default_isHaproxyDefault() {
    assertThat(IdleConnectionPool.DEFAULT).isEqualTo(new IdleConnectionPool(-1, 0, Duration.ofSeconds(5)));
    assertThat(IdleConnectionPool.DEFAULT.keepsIdle()).isTrue();
  }

  @Test
  void keepsIdle_maxZeroOrNoPurgeDelay_false() {
    assertThat(IdleConnectionPool.DEFAULT.withMaxConn(0).keepsIdle()).isFalse();
    assertThat(IdleConnectionPool.DEFAULT.withPurgeDelay(Duration.ZERO).keepsIdle()).isFalse();
    assertThat(IdleConnectionPool.DEFAULT.withMaxConn(1).withLowConn(4).keepsIdle()).isTrue();
  }

  @Test
  void new_outOfRange_rejectedNamingTheKeyword() {
    assertThatExceptionOfType(ModelException.class).isThrownBy(() -> new IdleConnectionPool(-2, 0, Duration.ZERO))
        .withMessageContaining("pool-max-conn");
    assertThatExceptionOfType(ModelException.class).isThrownBy(() -> new IdleConnectionPool(-1, -1, Duration.ZERO))
        .withMessageContaining("pool-low-conn");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new IdleConnectionPool(-1, 0, Duration.ofMillis(-1)))
        .withMessageContaining("pool-purge-delay");
  }
}
