package io.hakit.config.haproxy;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code cookie <name> [options]}, checked as haproxy 2.6 checks them (its error
 * and warning texts), plus a warning for what HAKit's proxy does not do: dynamic cookies.
 */
final class CookieOptions {
  private CookieOptions() {}

  /** Returns the error haproxy reports for these options, or null; warnings go to {@code warn}. */
  static @Nullable String check(List<String> options, Consumer<String> warn) {
    String mode = null;
    boolean indirect = false;
    boolean preserve = false;
    for (int i = 0; i < options.size(); i++) {
      String w = options.get(i);
      switch (w) {
        case "rewrite", "insert", "prefix" -> {
          if (mode != null) {
            return "cookie 'rewrite', 'insert' and 'prefix' modes are incompatible.";
          }
          mode = w;
        }
        case "indirect" -> indirect = true;
        case "preserve" -> preserve = true;
        case "nocache", "postonly", "httponly", "secure" -> { }
        case "dynamic" -> warn.accept("'cookie' option 'dynamic' is ignored by HAKit (no dynamic cookies from"
            + " 'dynamic-cookie-key'): a server without its own 'cookie' value gets no persistence cookie.");
        case "domain" -> {
          String d = next(options, i);
          if (d == null) {
            return "'domain' expects <domain> as argument.";
          }
          i++;
          if (!d.contains(".")) {
            warn.accept("domain '" + d + "' contains no embedded dot, this configuration may not work properly"
                + " (see RFC6265#5.2.3).");
          }
        }
        case "maxidle", "maxlife" -> {
          String t = next(options, i);
          if (t == null) {
            return "'" + w + "' expects <" + (w.equals("maxidle") ? "idletime" : "lifetime")
                + "> in seconds as argument.";
          }
          i++;
          String bad = timeProblem(t, w);
          if (bad != null) {
            return bad;
          }
        }
        case "attr" -> {
          String v = next(options, i);
          if (v == null) {
            return "'attr' expects <value> as argument.";
          }
          i++;
          for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c < 0x20 || c == 0x7f || c == ';') {
              return String.format("character '%%x%02X' is not permitted in attribute value.", (int) c);
            }
          }
        }
        default -> {
          return "'cookie' supports 'rewrite', 'insert', 'prefix', 'indirect', 'nocache', 'postonly', 'domain',"
              + " 'maxidle', 'dynamic', 'maxlife' and 'attr' options.";
        }
      }
    }
    if ("rewrite".equals(mode) && indirect) {
      return "cookie 'rewrite' and 'indirect' modes are incompatible.";
    }
    if (preserve && !"insert".equals(mode) && !indirect) {
      return "cookie 'preserve' requires at least 'insert' or 'indirect'.";
    }
    return null;
  }

  private static @Nullable String next(List<String> options, int i) {
    return i + 1 < options.size() && !options.get(i + 1).isEmpty() ? options.get(i + 1) : null;
  }

  /** A time in seconds, optionally with a unit (us, ms, s, m, h, d), as haproxy reads maxidle and maxlife. */
  private static @Nullable String timeProblem(String t, String what) {
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return "'" + what + "' expects <" + (what.equals("maxidle") ? "idletime" : "lifetime")
          + "> in seconds as argument.";
    }
    String unit = t.substring(i);
    if (List.of("", "us", "ms", "s", "m", "h", "d").contains(unit)) {
      return null;
    }
    return "unexpected character '" + unit.charAt(0) + "' in argument to <" + what + ">.";
  }
}
