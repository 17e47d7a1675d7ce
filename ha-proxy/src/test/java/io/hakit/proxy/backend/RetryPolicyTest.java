package io.hakit.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void of_empty_connFailureOnlyAsHaproxyDefault() {
    RetryPolicy p = RetryPolicy.of(List.of());
    assertThat(p.onConnFailure()).isTrue();
    assertThat(p.onEmptyResponse() || p.onJunkResponse() || p.onResponseTimeout() || p.onStatus(503)).isFalse();
    assertThat(p.needsReplay()).isFalse();
  }

  @Test
  void of_none_retriesNothing() {
    RetryPolicy p = RetryPolicy.of(List.of("none"));
    assertThat(p.onConnFailure()).isFalse();
    assertThat(p.needsReplay()).isFalse();
  }

  @Test
  void of_allRetryableErrors_expandsAsTheManualSays() {
    RetryPolicy p = RetryPolicy.of(List.of("all-retryable-errors"));
    assertThat(p.onConnFailure() && p.onEmptyResponse() && p.onJunkResponse() && p.onResponseTimeout()).isTrue();
    assertThat(List.of(500, 502, 503, 504)).allMatch(p::onStatus);
    assertThat(List.of(401, 403, 404, 408, 425, 501)).noneMatch(p::onStatus);
    assertThat(p.coversReuseFailures()).isTrue();
    assertThat(p.needsReplay()).isTrue();
  }

  @Test
  void of_statusesOnly_noConnFailureAndReplayNeeded() {
    RetryPolicy p = RetryPolicy.of(List.of("404", "425"));
    assertThat(p.onStatus(404) && p.onStatus(425)).isTrue();
    assertThat(p.onStatus(503) || p.onConnFailure() || p.coversReuseFailures()).isFalse();
    assertThat(p.needsReplay()).isTrue();
  }

  @Test
  void of_unknownKeyword_clearError() {
    assertThatThrownBy(() -> RetryPolicy.of(List.of("418"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'418'");
  }

  @Test
  void reuseMode_rules_asHaproxy26() {
    assertThat(ReuseMode.of(null)).isEqualTo(ReuseMode.SAFE);
    assertThat(ReuseMode.NEVER.mayTakeProven(false) || ReuseMode.NEVER.mayTakeUnproven(false)).isFalse();
    assertThat(ReuseMode.SAFE.mayTakeProven(true) || ReuseMode.SAFE.mayTakeUnproven(true)).isFalse();
    assertThat(ReuseMode.SAFE.mayTakeProven(false) && ReuseMode.SAFE.mayTakeUnproven(false)).isTrue();
    assertThat(ReuseMode.AGGRESSIVE.mayTakeProven(true)).isTrue();
    assertThat(ReuseMode.AGGRESSIVE.mayTakeUnproven(true)).isFalse();
    assertThat(ReuseMode.ALWAYS.mayTakeProven(true) && ReuseMode.ALWAYS.mayTakeUnproven(true)).isTrue();
    assertThatThrownBy(() -> ReuseMode.of("sometimes")).isInstanceOf(IllegalArgumentException.class);
  }
}
