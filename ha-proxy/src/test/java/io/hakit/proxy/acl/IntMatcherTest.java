package io.hakit.proxy.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntMatcherTest {

  @Test
  void matches_valuesRangesAndOperators_asHaproxyDocumentsThem() {
    IntMatcher m = IntMatcher.of(List.of("204", "300:399", "ge", "500"));
    assertThat(m.matches(204)).isTrue();
    assertThat(m.matches(200)).isFalse();
    assertThat(m.matches(300)).isTrue();
    assertThat(m.matches(399)).isTrue();
    assertThat(m.matches(400)).isFalse();
    assertThat(m.matches(599)).isTrue();
    assertThat(IntMatcher.of(List.of("lt", "200")).matches(199)).isTrue();
    assertThat(IntMatcher.of(List.of("lt", "200")).matches(200)).isFalse();
    assertThat(IntMatcher.of(List.of("gt", "200")).matches(200)).isFalse();
    assertThat(IntMatcher.of(List.of("le", "200")).matches(200)).isTrue();
    assertThat(IntMatcher.of(List.of(":10")).matches(-5)).isTrue();
    assertThat(IntMatcher.of(List.of("10:")).matches(1_000_000)).isTrue();
    assertThat(IntMatcher.of(List.of("eq", "7")).matches(7)).isTrue();
  }

  @Test
  void of_notAnInteger_namesThePattern() {
    assertThatThrownBy(() -> IntMatcher.of(List.of("2xx"))).hasMessageContaining("'2xx' is not an integer");
    assertThatThrownBy(() -> IntMatcher.of(List.of("ge"))).hasMessageContaining("operator 'ge' expects an integer");
  }
}
