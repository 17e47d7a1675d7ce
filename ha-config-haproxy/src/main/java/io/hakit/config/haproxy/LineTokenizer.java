package io.hakit.config.haproxy;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits one physical line into words with HAProxy's {@code parse_line()} rules for configuration
 * files (HAPROXY-CFG-DIALECT.md section 2): {@code #} comments even mid-word, words glued from
 * quoted and bare pieces, double quotes with escapes and {@code $VAR} / {@code ${VAR}} / {@code
 * ${VAR-default}} / {@code ${VAR[*]}} expansion, single quotes taking everything literally,
 * backslash escapes ({@code \xHH} too) outside single quotes, empty quoted words kept, at most
 * {@value #MAX_WORDS} words. Stateless; one instance may serve any thread.
 */
final class LineTokenizer {
  /** HAProxy's MAX_LINE_ARGS: a line may have at most one word less. */
  static final int MAX_WORDS = 64;

  private LineTokenizer() {}

  /** True for the bytes C's {@code isspace()} accepts. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * The words of {@code line} (without its LF). A line starting with {@code [} is a scope marker
   * and has no words.
   *
   * @throws LineError with HAProxy's message ({@code unmatched quote at position N}, ...)
   */
  static List<String> tokenize(String line, VariableSource vars) throws LineError {
    List<String> plain = plainWords(line);
    if (plain != null) {
      return plain;
    }
    List<String> words = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (i < n && isSpace(line.charAt(i)) && line.charAt(i) != '\r') {
      i++;
    }
    if (i < n && line.charAt(i) == '[') {
      return words;
    }
    StringBuilder word = new StringBuilder();
    boolean started = false;
    // A word made only of a "${VAR[*]}" that expanded to nothing is not emitted.
    boolean dropIfEmpty = false;
    char quote = 0;
    int quoteAt = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        break;
      }
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
        i++;
        continue;
      }
      if (quote == 0 && isSpace(c)) {
        if (started) {
          emit(words, word, dropIfEmpty);
          started = false;
          dropIfEmpty = false;
        }
        i++;
        continue;
      }
      if (quote == 0 && c == '#') {
        break;
      }
      if (c == '"' || (c == '\'' && quote == 0)) {
        if (quote == c) {
          quote = 0;
        } else {
          quote = c;
          quoteAt = i;
        }
        started = true;
        i++;
        continue;
      }
      if (c == '\\') {
        i = escape(line, i, quote == '"', word);
        started = true;
        continue;
      }
      if (c == '$' && quote == '"') {
        boolean[] split = new boolean[1];
        i = expand(line, i, vars, words, word, split);
        if (split[0]) {
          dropIfEmpty = true;
        }
        started = true;
        continue;
      }
      word.append(c);
      started = true;
      i++;
    }
    if (quote != 0) {
      throw new LineError("unmatched quote at position " + (quoteAt + 1));
    }
    if (started) {
      emit(words, word, dropIfEmpty);
    }
    if (words.size() >= MAX_WORDS) {
      throw new LineError("too many words, truncating after word " + MAX_WORDS + ", position "
          + line.length() + ": <" + words.get(MAX_WORDS - 1) + ">.");
    }
    return words;
  }

  /**
   * The fast path for the common line without quotes, escapes, variables or odd control bytes:
   * words are plain substrings. Null when the line needs the full state machine.
   */
  private static @Nullable List<String> plainWords(String line) throws LineError {
    int n = line.length();
    int end = n;
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == '#') {
        end = i;
        break;
      }
      if (c == '"' || c == '\'' || c == '\\' || c == '$' || (c < ' ' && c != '\t')) {
        return null;
      }
    }
    List<String> words = new ArrayList<>(8);
    int i = 0;
    while (i < end) {
      while (i < end && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i >= end) {
        break;
      }
      if (words.isEmpty() && line.charAt(i) == '[') {
        return words;
      }
      int start = i;
      while (i < end && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
        i++;
      }
      words.add(line.substring(start, i));
    }
    if (words.size() >= MAX_WORDS) {
      throw new LineError("too many words, truncating after word " + MAX_WORDS + ", position " + n + ": <"
          + words.get(MAX_WORDS - 1) + ">.");
    }
    return words;
  }

  private static void emit(List<String> words, StringBuilder word, boolean dropIfEmpty) {
    if (!(dropIfEmpty && word.length() == 0)) {
      words.add(word.toString());
    }
    word.setLength(0);
  }

  /** Handles the backslash at {@code i}; returns the index of the next character to read. */
  private static int escape(String line, int i, boolean inDoubleQuotes, StringBuilder word) throws LineError {
    if (i + 1 >= line.length()) {
      word.append('\\');
      return i + 1;
    }
    char next = line.charAt(i + 1);
    switch (next) {
      case ' ', '\\', '#', '\'', '"' -> word.append(next);
      case 't' -> word.append('\t');
      case 'n' -> word.append('\n');
      case 'r' -> word.append('\r');
      case '$' -> {
        if (!inDoubleQuotes) {
          word.append('\\');
        }
        word.append('$');
      }
      case 'x' -> {
        int hi = i + 2 < line.length() ? Character.digit(line.charAt(i + 2), 16) : -1;
        int lo = i + 3 < line.length() ? Character.digit(line.charAt(i + 3), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new LineError("truncated or invalid hexadecimal sequence at position " + (i + 1));
        }
        word.append((char) (hi * 16 + lo));
        return i + 4;
      }
      default -> {
        // Unknown escapes keep the backslash and let the next character be read normally, so
        // that regexes (\d, \.) and back-references (\1) survive.
        word.append('\\');
        return i + 1;
      }
    }
    return i + 2;
  }

  /**
   * Expands the variable whose {@code $} is at {@code i} (inside double quotes); a {@code [*]}
   * expansion may complete words into {@code words}. Returns the index after the reference.
   */
  private static int expand(String line, int i, VariableSource vars, List<String> words, StringBuilder word,
      boolean[] split) throws LineError {
    int n = line.length();
    int p = i + 1;
    boolean braces = p < n && line.charAt(p) == '{';
    if (braces) {
      p++;
    }
    int nameStart = p;
    if (p < n && line.charAt(p) == '.') {
      p++;
    }
    if (p >= n || !(Character.isLetter(line.charAt(p)) && line.charAt(p) < 128 || line.charAt(p) == '_')) {
      throw new LineError("forbidden first char in environment variable name at position " + (p + 1));
    }
    while (p < n && isNameChar(line.charAt(p))) {
      p++;
    }
    String name = line.substring(nameStart, p);
    @Nullable String fallback = null;
    if (braces) {
      if (p < n && line.charAt(p) == '[') {
        if (!line.startsWith("[*]", p)) {
          throw new LineError("truncated or invalid word expansion sequence at position " + (p + 1));
        }
        split[0] = true;
        p += 3;
      }
      if (p < n && line.charAt(p) == '-') {
        int close = line.indexOf('}', p);
        if (close < 0) {
          throw new LineError("unmatched brace in environment variable name at position " + (i + 1));
        }
        fallback = line.substring(p + 1, close);
        p = close;
      }
      if (p >= n || line.charAt(p) != '}') {
        throw new LineError("unmatched brace in environment variable name at position " + (i + 1));
      }
      p++;
    }
    if (name.startsWith(".") && !name.equals(".FILE") && !name.equals(".LINE") && !name.equals(".SECTION")) {
      throw new LineError("unknown pseudo-variable '" + name + "' at position " + (nameStart + 1));
    }
    String value = vars.get(name);
    if (value == null) {
      value = fallback != null ? fallback : "";
    }
    if (!split[0]) {
      word.append(value);
      return p;
    }
    String[] parts = value.trim().split("[ \\t\\n\\x0B\\f\\r]+");
    if (value.isBlank()) {
      return p;
    }
    for (int k = 0; k < parts.length; k++) {
      word.append(parts[k]);
      if (k < parts.length - 1) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    return p;
  }

  private static boolean isNameChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }
}
