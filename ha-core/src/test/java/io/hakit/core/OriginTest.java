package io.hakit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class OriginTest {

  @Test
  void toString_known_isFileColonLine() {
    assertThat(Origin.of("/etc/haproxy/haproxy.cfg", 52)).hasToString("/etc/haproxy/haproxy.cfg:52");
    assertThat(Origin.of("x.cfg", 1).isKnown()).isTrue();
  }

  @Test
  void unknown_isNotKnownAndSaysSo() {
    assertThat(Origin.UNKNOWN.isKnown()).isFalse();
    assertThat(Origin.UNKNOWN).hasToString("<unknown>");
  }

  @Test
  void line_negative_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> Origin.of("x.cfg", -1))
        .withMessage("line: -1 (expected: >= 0)");
  }
}
