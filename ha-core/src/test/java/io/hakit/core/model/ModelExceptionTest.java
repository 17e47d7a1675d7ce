package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hakit.core.HaException;
import io.hakit.core.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelExceptionTest {

  @Test
  void singleProblem_messageIsFileLineAndText() {
    ModelException e = new ModelException(Origin.of("haproxy.cfg", 12), "server 's1': weight: 300 (expected: 0-256)");

    assertThat(e).isInstanceOf(HaException.class)
        .hasMessage("haproxy.cfg:12: server 's1': weight: 300 (expected: 0-256)");
    assertThat(e.origin()).isEqualTo(Origin.of("haproxy.cfg", 12));
    assertThat(e.problems()).hasSize(1);
  }

  @Test
  void severalProblems_onePerLine_firstOriginIsTheOrigin() {
    ModelException e = new ModelException(List.of(
        new ModelException.Problem(Origin.of("a.cfg", 3), "first"),
        new ModelException.Problem(Origin.UNKNOWN, "second"),
        new ModelException.Problem(Origin.of("b.cfg", 9), "third")));

    assertThat(e).hasMessage("a.cfg:3: first\nsecond\nb.cfg:9: third");
    assertThat(e.origin()).isEqualTo(Origin.of("a.cfg", 3));
  }

  @Test
  void noProblems_isAnError() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ModelException(List.of()))
        .withMessage("problems: empty (expected: at least one)");
  }
}
