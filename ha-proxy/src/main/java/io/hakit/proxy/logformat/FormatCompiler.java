package io.hakit.proxy.logformat;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a format string into parts, HAProxy's way (8.2.4): {@code %%} is a percent sign,
 * {@code %{+Q,-X}} sets flags for the next variable (or, before {@code o}, for all that follow),
 * {@code %name} is a variable, {@code %[...]} a sample expression, and runs of spaces are one
 * separator written only after something that is not a separator. Everything is checked here, so
 * that a bad format fails when the proxy is built, never per request.
 */
final class FormatCompiler {
  private final String fmt;
  private final Usage use;
  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder literal = new StringBuilder();
  private int defaultFlags;

  private FormatCompiler(String fmt, Usage use) {
    this.fmt = fmt;
    this.use = use;
  }

  static Part[] compile(String fmt, Usage use) {
    FormatCompiler c = new FormatCompiler(fmt, use);
    c.run();
    return c.parts.toArray(new Part[0]);
  }

  /** One sample expression alone ({@code fetch[,converter...]}, as in {@code balance hash}), checked like {@code %[...]}. */
  static Expression sample(String expr, Usage use) {
    return (Expression) new FormatCompiler(expr, use).expression(expr, expr, 0);
  }

  private void run() {
    int n = fmt.length();
    int i = 0;
    while (i < n) {
      char ch = fmt.charAt(i);
      if (ch == ' ') {
        while (i < n && fmt.charAt(i) == ' ') {
          i++;
        }
        flushLiteral();
        parts.add(Separator.INSTANCE);
        continue;
      }
      if (ch != '%') {
        literal.append(ch);
        i++;
        continue;
      }
      i = percent(i + 1);
    }
    flushLiteral();
  }

  /** Reads what follows a '%' at {@code i}; returns the index after it. */
  private int percent(int i) {
    int n = fmt.length();
    if (i >= n) {
      throw new FormatException("truncated line after '%'.");
    }
    if (fmt.charAt(i) == '%') {
      literal.append('%');
      return i + 1;
    }
    int flags = defaultFlags;
    int modifierStart = i - 1;
    if (fmt.charAt(i) == '{') {
      int close = fmt.indexOf('}', i);
      if (close < 0) {
        throw new FormatException("missing '}' after '%{'.");
      }
      flags = flags(fmt.substring(i + 1, close), flags);
      i = close + 1;
      if (i >= n) {
        throw new FormatException("parse argument modifier without variable name near '" + fmt.substring(modifierStart)
            + "'.");
      }
    }
    flushLiteral();
    if (fmt.charAt(i) == '[') {
      int close = fmt.indexOf(']', i);
      if (close < 0) {
        throw new FormatException("missing ']' after '" + fmt.substring(i + 1) + "'.");
      }
      parts.add(expression(fmt.substring(i + 1, close), fmt.substring(i + 1), flags));
      return close + 1;
    }
    int start = i;
    while (i < n && isNameChar(fmt.charAt(i))) {
      i++;
    }
    String name = fmt.substring(start, i);
    if (name.isEmpty()) {
      throw new FormatException("unexpected character '" + fmt.charAt(start) + "' after '%'.");
    }
    if (name.equals("o")) {
      // %{+Q}o: the flags apply to every variable that follows.
      defaultFlags = flags;
      return i;
    }
    parts.add(Variables.create(name, flags, use));
    return i;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int flags(String spec, int flags) {
    for (String f : spec.split(",")) {
      if (f.length() == 2 && (f.charAt(0) == '+' || f.charAt(0) == '-')) {
        int bit = Flags.of(f.charAt(1));
        flags = f.charAt(0) == '+' ? flags | bit : flags & ~bit;
      }
    }
    return flags;
  }

  /** {@code fetch[(args)][,conv[(args)]]...}; {@code rest} is the format from here to its end, for messages. */
  private Part expression(String expr, String rest, int flags) {
    int[] pos = {0};
    String name = word(expr, pos);
    String args = parenthesised(expr, pos, rest);
    String argsText = args == null ? "" : rest.substring(Math.min(rest.length(), name.length() + 1));
    Fetch fetch = Fetches.compile(name, args, argsText, use, rest);
    List<Converter> converters = new ArrayList<>();
    while (pos[0] < expr.length()) {
      if (expr.charAt(pos[0]) != ',') {
        throw new FormatException("failed to parse sample expression <" + rest + "> : missing comma after '"
            + expr.substring(0, pos[0]) + "'.");
      }
      pos[0]++;
      int convStart = pos[0];
      String conv = word(expr, pos);
      String convArgs = parenthesised(expr, pos, rest);
      converters.add(Converters.compile(conv, convArgs, rest.substring(Math.min(rest.length(), convStart + conv.length()
          + 1)), rest));
    }
    return new Expression(fetch, converters.toArray(new Converter[0]), flags, use);
  }

  private static String word(String expr, int[] pos) {
    int start = pos[0];
    while (pos[0] < expr.length() && expr.charAt(pos[0]) != '(' && expr.charAt(pos[0]) != ',') {
      pos[0]++;
    }
    return expr.substring(start, pos[0]).trim();
  }

  /** The text between parentheses at {@code pos}, or null when there are none. */
  private static @Nullable String parenthesised(String expr, int[] pos, String rest) {
    if (pos[0] >= expr.length() || expr.charAt(pos[0]) != '(') {
      return null;
    }
    // Parentheses nest (a regsub pattern may hold groups); the matching one closes the arguments.
    int close = -1;
    int depth = 0;
    for (int i = pos[0]; i < expr.length() && close < 0; i++) {
      char c = expr.charAt(i);
      if (c == '\\' && i + 1 < expr.length()) {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        close = i;
      }
    }
    if (close < 0) {
      throw new FormatException("failed to parse sample expression <" + rest + "> : missing closing ')' after arguments"
          + " to '" + expr.substring(0, pos[0]) + "'.");
    }
    String inside = expr.substring(pos[0] + 1, close);
    pos[0] = close + 1;
    return inside;
  }

  private void flushLiteral() {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  /** Text written as it is. */
  private record Literal(String text) implements Part {
    @Override
    public boolean append(StringBuilder out, LogContext ctx, Sample s) {
      out.append(text);
      return true;
    }
  }

  /** One space, unless the previous part was a separator or wrote nothing. */
  private static final class Separator implements Part {
    static final Separator INSTANCE = new Separator();

    @Override
    public boolean append(StringBuilder out, LogContext ctx, Sample s) {
      return false;
    }
  }

  /** The text of a format made of literals and separators only, or null when it has anything else. */
  static @Nullable String constantText(Part[] parts) {
    StringBuilder b = new StringBuilder();
    boolean lastWasSpace = true;
    for (Part p : parts) {
      if (p == Separator.INSTANCE) {
        if (!lastWasSpace) {
          b.append(' ');
          lastWasSpace = true;
        }
      } else if (p instanceof Literal l) {
        b.append(l.text());
        lastWasSpace = false;
      } else {
        return null;
      }
    }
    return b.toString();
  }

  static boolean isSeparator(Part p) {
    return p == Separator.INSTANCE;
  }
}
