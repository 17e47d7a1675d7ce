package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
  /** Feeds lines through tokenizer and preprocessor; returns the keywords that reach the sections. */
  private static List<String> live(Diagnostics diag, String... lines) throws LineError {
    Variables vars = new Variables(Map.of("T1", "value1"));
    Preprocessor pre = new Preprocessor(Profile.HAPROXY_2_6);
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String line : lines) {
      List<String> words = LineTokenizer.tokenize(line, vars);
      if (!words.isEmpty() && pre.accept(new Statement(new Origin("t.cfg", ++n), words), vars, diag)) {
        out.add(words.get(0));
      }
      if (diag.fileAborted()) {
        break;
      }
    }
    pre.finish(new Origin("t.cfg", n), diag);
    return out;
  }

  @Test
  void accept_ifElifElse_takesFirstTrueBranch() throws LineError {
    Diagnostics d = new Diagnostics();
    assertThat(live(d, ".if 0", "a", ".elif streq(x,x)", "b", ".elif 1", "c", ".else", "d", ".endif", "e"))
        .containsExactly("b", "e");
    assertThat(d.hasErrors()).isFalse();
  }

  @Test
  void accept_nestedInDeadBlock_isNotEvaluated() throws LineError {
    Diagnostics d = new Diagnostics();
    assertThat(live(d, ".if 0", ".if bogus", "x", ".endif", ".endif", "y")).containsExactly("y");
    assertThat(d.hasErrors()).isFalse();
  }

  @Test
  void accept_predicates_useProfileAndEnvironment() throws LineError {
    Diagnostics d = new Diagnostics();
    assertThat(live(d, ".if version_atleast(2.6) && version_before(2.7) && feature(OPENSSL)", "a", ".endif",
        ".if defined(T1) && !defined(NOPE) && strneq(\"$T1\",x)", "b", ".endif",
        ".if openssl_version_atleast(3.0.0) || ssllib_name_startswith(Boring)", "c", ".endif",
        ".if 0x10 && !(0 || 000)", "d", ".endif")).containsExactly("a", "b", "c", "d");
  }

  @Test
  void accept_badExpression_abortsFile() throws LineError {
    Diagnostics d = new Diagnostics();
    assertThat(live(d, ".if yes", "a", ".endif", "b")).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> assertThat(e.message())
        .startsWith("unparsable conditional expression 'yes'"));
  }

  @Test
  void accept_structuralErrors_areFatal() throws LineError {
    for (String[] lines : List.of(new String[] {".endif"}, new String[] {".if 1", ".else", ".else"},
        new String[] {".if 1", ".else", ".elif 1"}, new String[] {".if 1"}, new String[] {".foo"},
        new String[] {".alert stop", "x"})) {
      Diagnostics d = new Diagnostics();
      live(d, lines);
      assertThat(d.hasErrors()).as(String.join(" / ", lines)).isTrue();
    }
  }

  @Test
  void accept_messages_reportAtTheirLevel() throws LineError {
    Diagnostics d = new Diagnostics();
    live(d, ".notice 'hi there'", ".warning w", ".diag x", ".notice a b");
    assertThat(d.all()).extracting(Diagnostic::severity, Diagnostic::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Diagnostic.Severity.NOTICE, "'hi there'."),
        org.assertj.core.groups.Tuple.tuple(Diagnostic.Severity.WARNING, "'w'."),
        org.assertj.core.groups.Tuple.tuple(Diagnostic.Severity.ALERT,
            "Unexpected argument 'b' for '.notice'. Use quotes if the message should contain spaces."));
  }

  @Test
  void evaluate_joinsWordsWithSingleSpaces() throws LineError {
    assertThat(ConditionExpression.evaluate(List.of("streq(a,", "b)"), ".if", Profile.HAPROXY_2_6, n -> null))
        .isFalse();
    assertThat(ConditionExpression.evaluate(List.of("streq(\"a", "b\",a b)"), ".if", Profile.HAPROXY_2_6, n -> null))
        .isTrue();
    assertThatThrownBy(() -> ConditionExpression.evaluate(List.of("1", "x"), ".if", Profile.HAPROXY_2_6, n -> null))
        .isInstanceOf(LineError.class);
  }

  @Test
  void compareVersions_devSortsBeforeRelease() {
    assertThat(Profile.compareVersions("2.6.12", "2.6")).isPositive();
    assertThat(Profile.compareVersions("2.6", "2.6.0")).isZero();
    assertThat(Profile.compareVersions("2.6-dev3", "2.6")).isNegative();
    assertThat(Profile.compareVersions("2.6.12", "2.10")).isNegative();
  }
}
