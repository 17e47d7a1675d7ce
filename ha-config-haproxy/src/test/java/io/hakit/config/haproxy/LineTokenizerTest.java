package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineTokenizerTest {
  private static final VariableSource ENV = Map.of("HOME", "/root", "OPTS", "check  inter 5s", "EMPTY", "")::get;

  private static List<String> words(String line) throws LineError {
    return LineTokenizer.tokenize(line, ENV);
  }

  @Test
  void tokenize_whitespaceRuns_splitWords() throws LineError {
    assertThat(words("  bind \t :80   name  x ")).containsExactly("bind", ":80", "name", "x");
  }

  @Test
  void tokenize_hashMidWord_startsComment() throws LineError {
    assertThat(words("foo#bar baz")).containsExactly("foo");
    assertThat(words("\"a#b\" a\\#b")).containsExactly("a#b", "a#b");
  }

  @Test
  void tokenize_quotedAndBarePieces_glueIntoOneWord() throws LineError {
    assertThat(words("x\"y z\"'w'")).containsExactly("xy zw");
    assertThat(words("foo\"bar baz\"qux")).containsExactly("foobar bazqux");
  }

  @Test
  void tokenize_escapes_followHaproxy() throws LineError {
    assertThat(words("a\\ b")).containsExactly("a b");
    assertThat(words("\\t\\n\\r\\\\")).containsExactly("\t\n\r\\");
    assertThat(words("\\x41\\x4a")).containsExactly("AJ");
    assertThat(words("a\\$b \"a\\$b\"")).containsExactly("a\\$b", "a$b");
    assertThat(words("^/(\\d+)\\.html \\1")).containsExactly("^/(\\d+)\\.html", "\\1");
    assertThat(words("end\\")).containsExactly("end\\");
  }

  @Test
  void tokenize_backslashTab_keepsBackslashAndSplits() throws LineError {
    assertThat(words("a\\\tb")).containsExactly("a\\", "b");
  }

  @Test
  void tokenize_singleQuotes_takeEverythingLiterally() throws LineError {
    assertThat(words("'$HOME \\x41 # \"'")).containsExactly("$HOME \\x41 # \"");
  }

  @Test
  void tokenize_variables_expandOnlyInDoubleQuotes() throws LineError {
    assertThat(words("$HOME \"$HOME\" \"${HOME}/x\" \"pre$HOME/post\"")).containsExactly("$HOME", "/root", "/root/x",
        "pre/root/post");
  }

  @Test
  void tokenize_defaultValue_onlyWhenUnset() throws LineError {
    assertThat(words("\"${NOPE-dflt}\" \"${EMPTY-dflt}\"")).containsExactly("dflt", "");
  }

  @Test
  void tokenize_wordExpansion_splitsAndVanishesWhenEmpty() throws LineError {
    assertThat(words("server s \"${OPTS[*]}\" weight 1")).containsExactly("server", "s", "check", "inter", "5s",
        "weight", "1");
    assertThat(words("server s \"${NOPE[*]}\" weight 1")).containsExactly("server", "s", "weight", "1");
  }

  @Test
  void tokenize_emptyQuotes_giveEmptyWord() throws LineError {
    assertThat(words("a \"\" b \"$NOPE\"")).containsExactly("a", "", "b", "");
  }

  @Test
  void tokenize_pseudoVariables_comeFromTheSource() throws LineError {
    Variables v = new Variables(Map.of());
    v.at("f.cfg", 7, "fe");
    assertThat(LineTokenizer.tokenize("\"${.FILE}:${.LINE} $.SECTION\"", v)).containsExactly("f.cfg:7 fe");
  }

  @Test
  void tokenize_scopeLineAndCarriageReturn_areHandled() throws LineError {
    assertThat(words("  [scope]")).isEmpty();
    assertThat(words("bind :80\r name x")).containsExactly("bind", ":80");
  }

  @Test
  void tokenize_badInput_failsWithHaproxysMessage() {
    assertThatThrownBy(() -> words("a \"bc")).hasMessage("unmatched quote at position 3");
    assertThatThrownBy(() -> words("\\xZ1")).hasMessageStartingWith("truncated or invalid hexadecimal sequence");
    assertThatThrownBy(() -> words("\"cost $5\"")).hasMessageStartingWith(
        "forbidden first char in environment variable name");
    assertThatThrownBy(() -> words("\"${HOME\"")).hasMessageStartingWith("unmatched brace");
    assertThatThrownBy(() -> words("\"${HOME[x]}\"")).hasMessageStartingWith("truncated or invalid word expansion");
  }

  @Test
  void tokenize_sixtyFourWords_isTooMany() throws LineError {
    assertThat(words("w ".repeat(63))).hasSize(63);
    assertThatThrownBy(() -> words("w ".repeat(64))).hasMessageStartingWith(
        "too many words, truncating after word 64");
  }
}
