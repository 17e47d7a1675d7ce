package io.hakit.config.haproxy;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The syntax check HAProxy applies to log-format strings ({@code log-format}, header values of
 * rules, {@code set-path}, redirect targets, {@code lf-string}, dynamic {@code use_backend} names):
 * {@code %%}, {@code %{flags}var}, {@code %var} among 2.6's variables (configuration manual 8.2.4),
 * {@code %[sample]} with a known fetch and a closing bracket.
 */
final class LogFormats {
  private static final Set<String> VARIABLES = Set.of("B", "CC", "CS", "H", "HM", "HP", "HPO", "HQ", "HU", "HV", "ID",
      "ST", "T", "TR", "Ta", "Tc", "Td", "Th", "Ti", "Tl", "Tq", "Tr", "Ts", "Tt", "Tu", "Tw", "U", "ac", "b", "bc",
      "bi", "bp", "bq", "ci", "cp", "f", "fc", "fi", "fp", "ft", "hr", "hrl", "hs", "hsl", "lc", "ms", "o", "pid", "r",
      "rc", "rt", "s", "sc", "si", "sp", "sq", "sslc", "sslv", "t", "tr", "trg", "trl", "ts", "tsc");

  /** Variables only an HTTP proxy may use: 2.6 says "format variable 'X' is reserved for HTTP mode." */
  private static final Set<String> HTTP_ONLY = Set.of("CC", "CS", "HM", "HP", "HPO", "HQ", "HU", "HV", "TR", "Ta",
      "Ti", "Tq", "Tr", "r", "tr", "trg", "trl");

  private LogFormats() {}

  /**
   * The first variable of a format (one {@link #check} accepts) that a TCP proxy may not use, or
   * null. HAProxy checks it after parsing, against the mode the proxy ends up with.
   */
  static @Nullable String httpOnlyVariable(String fmt) {
    int n = fmt.length();
    int i = 0;
    while (i < n) {
      if (fmt.charAt(i++) != '%' || i >= n) {
        continue;
      }
      char c = fmt.charAt(i);
      if (c == '%') {
        i++;
        continue;
      }
      if (c == '{') {
        int close = fmt.indexOf('}', i);
        i = close < 0 ? n : close + 1;
      }
      if (i < n && fmt.charAt(i) == '[') {
        int close = fmt.indexOf(']', i);
        i = close < 0 ? n : close + 1;
        continue;
      }
      int start = i;
      while (i < n && Character.isLetter(fmt.charAt(i)) && fmt.charAt(i) < 128) {
        i++;
      }
      String var = fmt.substring(start, i);
      if (HTTP_ONLY.contains(var)) {
        return var;
      }
    }
    return null;
  }

  /** True when the string holds a variable or a sample, i.e. its value is only known per request. */
  static boolean isDynamic(String fmt) {
    for (int i = 0; i + 1 < fmt.length(); i++) {
      if (fmt.charAt(i) == '%') {
        if (fmt.charAt(i + 1) != '%') {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  /** HAProxy's complaint about a log-format string, or null when it parses. */
  static @Nullable String check(String fmt) {
    int i = 0;
    int n = fmt.length();
    while (i < n) {
      char c = fmt.charAt(i++);
      if (c != '%') {
        continue;
      }
      if (i >= n) {
        return "truncated line after '%'.";
      }
      if (fmt.charAt(i) == '%') {
        i++;
        continue;
      }
      if (fmt.charAt(i) == '{') {
        int close = fmt.indexOf('}', i);
        if (close < 0) {
          return "missing '}' after '%{'.";
        }
        i = close + 1;
        if (i >= n) {
          return "truncated line after '%'.";
        }
      }
      if (fmt.charAt(i) == '[') {
        int close = fmt.indexOf(']', i);
        if (close < 0) {
          return "missing ']' after '" + fmt.substring(i + 1) + "'.";
        }
        String expr = fmt.substring(i + 1, close);
        if (!FetchNames.known(expr)) {
          return "failed to parse sample expression <" + fmt.substring(i + 1) + "> : unknown fetch method '"
              + FetchNames.baseName(expr) + "'.";
        }
        i = close + 1;
        continue;
      }
      int start = i;
      while (i < n && Character.isLetter(fmt.charAt(i)) && fmt.charAt(i) < 128) {
        i++;
      }
      String var = fmt.substring(start, i);
      if (var.isEmpty()) {
        return "unexpected character '" + fmt.charAt(start) + "' after '%'.";
      }
      if (!VARIABLES.contains(var)) {
        return "no such format variable '" + var + "'. If you wanted to emit the '%' character verbatim, you need to"
            + " use '%%'.";
      }
    }
    return null;
  }
}
