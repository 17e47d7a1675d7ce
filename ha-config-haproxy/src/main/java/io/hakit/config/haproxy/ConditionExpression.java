package io.hakit.config.haproxy;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the expression of an {@code .if} / {@code .elif} (HAPROXY-CFG-DIALECT.md 3.2): the
 * line's words joined with single spaces, then {@code ||} of {@code &&} of possibly negated terms;
 * a term is an integer ({@code strtol} base 0: non-zero is true), a parenthesised expression or
 * one of 2.6's nine predicates. Anything else is HAProxy's "unparsable conditional expression".
 * Evaluation short-circuits, so an unevaluated side is still parsed but not looked up.
 */
final class ConditionExpression {
  private final String text;
  private final String directive;
  private final Profile profile;
  private final VariableSource vars;
  private int pos;

  private ConditionExpression(String text, String directive, Profile profile, VariableSource vars) {
    this.text = text;
    this.directive = directive;
    this.profile = profile;
    this.vars = vars;
  }

  static boolean evaluate(List<String> words, String directive, Profile profile, VariableSource vars)
      throws LineError {
    String text = String.join(" ", words);
    ConditionExpression e = new ConditionExpression(text, directive, profile, vars);
    e.skipSpaces();
    if (e.pos >= text.length()) {
      return false;
    }
    boolean value = e.orExpr(true);
    e.skipSpaces();
    if (e.pos < text.length()) {
      throw new LineError("unexpected character '" + text.charAt(e.pos) + "' at the end of conditional expression '"
          + text + "' at position " + (e.pos + 1));
    }
    return value;
  }

  private boolean orExpr(boolean live) throws LineError {
    boolean value = andExpr(live);
    skipSpaces();
    if (text.startsWith("||", pos)) {
      pos += 2;
      boolean right = orExpr(live && !value);
      return value || right;
    }
    return value;
  }

  private boolean andExpr(boolean live) throws LineError {
    boolean value = term(live);
    skipSpaces();
    if (text.startsWith("&&", pos)) {
      pos += 2;
      boolean right = andExpr(live && value);
      return value && right;
    }
    return value;
  }

  private boolean term(boolean live) throws LineError {
    skipSpaces();
    boolean negate = false;
    while (pos < text.length() && text.charAt(pos) == '!') {
      negate = !negate;
      pos++;
      skipSpaces();
    }
    boolean value;
    int start = pos;
    if (pos < text.length() && text.charAt(pos) == '(') {
      pos++;
      value = orExpr(live);
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) != ')') {
        throw unparsable(start);
      }
      pos++;
    } else if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-'
        || text.charAt(pos) == '+')) {
      value = integer(start);
    } else {
      value = predicate(live, start);
    }
    return negate != value;
  }

  private boolean integer(int start) throws LineError {
    int p = pos;
    if (text.charAt(p) == '-' || text.charAt(p) == '+') {
      p++;
    }
    int radix = 10;
    if (text.startsWith("0x", p) || text.startsWith("0X", p)) {
      radix = 16;
      p += 2;
    } else if (p < text.length() && text.charAt(p) == '0') {
      radix = 8;
    }
    boolean nonZero = false;
    int digits = 0;
    while (p < text.length() && Character.digit(text.charAt(p), radix) >= 0) {
      nonZero |= text.charAt(p) != '0';
      p++;
      digits++;
    }
    if (digits == 0 && radix != 8) {
      throw unparsable(start);
    }
    pos = p;
    return nonZero;
  }

  private boolean predicate(boolean live, int start) throws LineError {
    int p = pos;
    while (p < text.length() && (Character.isLetterOrDigit(text.charAt(p)) || text.charAt(p) == '_')) {
      p++;
    }
    String name = text.substring(pos, p);
    int arity = arity(name);
    if (arity < 0 || p >= text.length() || text.charAt(p) != '(') {
      throw unparsable(start);
    }
    pos = p + 1;
    List<String> args = arguments(start);
    if (args.size() != arity) {
      throw new LineError("failed to parse arguments for predicate '" + name + "' in conditional expression '"
          + text + "' at position " + (start + 1) + ": expects " + arity + " argument(s), got " + args.size());
    }
    return live && apply(name, args);
  }

  private static int arity(String name) {
    return switch (name) {
      case "defined", "feature", "version_atleast", "version_before", "openssl_version_atleast",
          "openssl_version_before", "ssllib_name_startswith" -> 1;
      case "streq", "strneq" -> 2;
      default -> -1;
    };
  }

  private boolean apply(String name, List<String> a) {
    return switch (name) {
      case "defined" -> vars.get(a.get(0)) != null;
      case "feature" -> profile.features().contains(a.get(0));
      case "streq" -> a.get(0).equals(a.get(1));
      case "strneq" -> !a.get(0).equals(a.get(1));
      case "version_atleast" -> Profile.compareVersions(profile.version(), a.get(0)) >= 0;
      case "version_before" -> Profile.compareVersions(profile.version(), a.get(0)) < 0;
      case "openssl_version_atleast" -> Profile.compareVersions(profile.sslVersion(), a.get(0)) >= 0;
      case "openssl_version_before" -> Profile.compareVersions(profile.sslVersion(), a.get(0)) < 0;
      case "ssllib_name_startswith" -> profile.sslLibrary().startsWith(a.get(0));
      default -> false;
    };
  }

  /** HAProxy's second-level argument list: quotes and a few escapes, {@code ,} separated, up to {@code )}. */
  private List<String> arguments(int start) throws LineError {
    List<String> args = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && pos < text.length()) {
          arg.append(unescape(text.charAt(pos++)));
        } else {
          arg.append(c);
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '\\' -> {
          if (pos < text.length()) {
            arg.append(unescape(text.charAt(pos++)));
          }
        }
        case ',' -> {
          args.add(arg.toString());
          arg.setLength(0);
        }
        case ')' -> {
          // "()" is one empty argument for 2.6 (every predicate takes at least one).
          args.add(arg.toString());
          return args;
        }
        default -> arg.append(c);
      }
    }
    throw unparsable(start);
  }

  private static String unescape(char c) {
    return switch (c) {
      case 'r' -> "\r";
      case 'n' -> "\n";
      case 't' -> "\t";
      case '\\', '"', '\'', ' ' -> String.valueOf(c);
      default -> "\\" + c;
    };
  }

  private LineError unparsable(int at) {
    return new LineError("unparsable conditional expression '" + text.substring(at) + "' in '" + directive
        + "' at position " + (at + 1));
  }

  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }
}
