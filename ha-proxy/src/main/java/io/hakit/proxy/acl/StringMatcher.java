package io.hakit.proxy.acl;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A match method over string samples ({@code -m str|beg|end|sub|reg|found|len}), with the
 * patterns compiled once; {@code -i} folds case at compile time where it can.
 */
@FunctionalInterface
interface StringMatcher {
  boolean matches(String value);

  static StringMatcher of(String method, List<String> patterns, boolean ignoreCase) {
    String[] p = patterns.toArray(new String[0]);
    return switch (method) {
      case "str" -> exact(p, ignoreCase);
      case "beg" -> affix(p, ignoreCase, true);
      case "end" -> affix(p, ignoreCase, false);
      case "sub" -> sub(p, ignoreCase);
      case "dir" -> segments(p, ignoreCase, '/');
      case "dom" -> segments(p, ignoreCase, '.');
      case "reg" -> regex(p, ignoreCase);
      case "found" -> v -> true;
      case "len" -> v -> {
        for (String s : p) {
          if (v.length() == Integer.parseInt(s)) {
            return true;
          }
        }
        return false;
      };
      default -> throw new IllegalArgumentException("match method '" + method
          + "' (expected: str, beg, end, sub, dir, dom, reg, found or len)");
    };
  }

  /**
   * {@code beg}/{@code end}: one character is compared first (the pattern's first or last, in
   * both cases for -i), so that a miss on every pattern, the common case, costs a few compares.
   */
  private static StringMatcher affix(String[] p, boolean ignoreCase, boolean prefix) {
    char[] lower = new char[p.length];
    char[] upper = new char[p.length];
    for (int i = 0; i < p.length; i++) {
      char c = p[i].isEmpty() ? 0 : p[i].charAt(prefix ? 0 : p[i].length() - 1);
      lower[i] = ignoreCase ? Character.toLowerCase(c) : c;
      upper[i] = ignoreCase ? Character.toUpperCase(c) : c;
    }
    return v -> {
      int len = v.length();
      for (int i = 0; i < p.length; i++) {
        String s = p[i];
        int n = s.length();
        if (n > len) {
          continue;
        }
        if (n > 0) {
          char c = v.charAt(prefix ? 0 : len - 1);
          if (c != lower[i] && c != upper[i]) {
            continue;
          }
        }
        if (v.regionMatches(ignoreCase, prefix ? 0 : len - n, s, 0, n)) {
          return true;
        }
      }
      return false;
    };
  }

  private static StringMatcher exact(String[] p, boolean ignoreCase) {
    if (!ignoreCase) {
      Set<String> set = new HashSet<>(List.of(p));
      return set::contains;
    }
    Set<String> set = new HashSet<>();
    for (String s : p) {
      set.add(s.toLowerCase(Locale.ROOT));
    }
    return v -> set.contains(v.toLowerCase(Locale.ROOT));
  }

  private static StringMatcher sub(String[] p, boolean ignoreCase) {
    if (!ignoreCase) {
      return v -> {
        for (String s : p) {
          if (v.contains(s)) {
            return true;
          }
        }
        return false;
      };
    }
    String[] lower = new String[p.length];
    for (int i = 0; i < p.length; i++) {
      lower[i] = p[i].toLowerCase(Locale.ROOT);
    }
    return v -> {
      String lv = v.toLowerCase(Locale.ROOT);
      for (String s : lower) {
        if (lv.contains(s)) {
          return true;
        }
      }
      return false;
    };
  }

  /** {@code dir}/{@code dom}: the pattern is one whole segment of the value. */
  private static StringMatcher segments(String[] p, boolean ignoreCase, char sep) {
    return v -> {
      for (String s : p) {
        int from = 0;
        while (from <= v.length() - s.length()) {
          int at = ignoreCase ? indexOfIgnoreCase(v, s, from) : v.indexOf(s, from);
          if (at < 0) {
            break;
          }
          int end = at + s.length();
          if ((at == 0 || v.charAt(at - 1) == sep) && (end == v.length() || v.charAt(end) == sep)) {
            return true;
          }
          from = at + 1;
        }
      }
      return false;
    };
  }

  private static int indexOfIgnoreCase(String v, String s, int from) {
    for (int i = from; i <= v.length() - s.length(); i++) {
      if (v.regionMatches(true, i, s, 0, s.length())) {
        return i;
      }
    }
    return -1;
  }

  private static StringMatcher regex(String[] p, boolean ignoreCase) {
    Pattern[] compiled = new Pattern[p.length];
    for (int i = 0; i < p.length; i++) {
      compiled[i] = Pattern.compile(p[i], ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
    return v -> {
      for (Pattern c : compiled) {
        if (c.matcher(v).find()) {
          return true;
        }
      }
      return false;
    };
  }
}
