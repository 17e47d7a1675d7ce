package io.hakit.proxy.logformat;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a fetch or converter, {@code name(a,b)}, checked against what the keyword takes,
 * with HAProxy's complaints.
 */
final class Args {
  /** What a keyword takes: argument types ('i' integer, 's' string), of which the first {@code required}. */
  record Spec(String types, int required) {
    static final Spec NONE = new Spec("", 0);
  }

  private final List<String> values;

  private Args(List<String> values) {
    this.values = values;
  }

  int size() {
    return values.size();
  }

  String string(int i) {
    return values.get(i);
  }

  int integer(int i, int otherwise) {
    return i < values.size() ? Integer.parseInt(values.get(i).trim()) : otherwise;
  }

  /**
   * Checks {@code raw} (the text between the parentheses, null without them).
   *
   * @param what {@code fetch method 'x'} or {@code invalid arg N in converter 'x'} prefix builder
   * @param after the format text from the opening parenthesis on, for "expected ')' before" messages
   */
  static Args parse(String raw, boolean hadParens, Spec spec, boolean converter, String name, String after) {
    List<String> list = new ArrayList<>();
    if (hadParens && !raw.isEmpty()) {
      for (String s : raw.split(",", -1)) {
        list.add(s);
      }
    }
    if (spec.types().isEmpty() && !list.isEmpty()) {
      throw new FormatException(prefix(converter, name, 1) + "expected ')' before '" + after + "'.");
    }
    if (list.size() > spec.types().length()) {
      throw new FormatException(prefix(converter, name, spec.types().length() + 1) + "end of arguments expected at position "
          + (spec.types().length() + 1) + ", but got '" + list.get(spec.types().length()) + "'.");
    }
    for (int i = 0; i < spec.required(); i++) {
      String type = spec.types().charAt(i) == 'i' ? "integer" : "string";
      if (i >= list.size()) {
        throw new FormatException(i == 0
            ? prefix(converter, name, 1) + "expected type '" + type + "' at position 1, but got nothing."
            : prefix(converter, name, i + 1) + "missing arguments (got " + list.size() + "/" + spec.required()
                + "), type '" + type + "' expected.");
      }
    }
    for (int i = 0; i < list.size(); i++) {
      if (spec.types().charAt(i) == 'i' && !isInteger(list.get(i).trim())) {
        throw new FormatException(prefix(converter, name, i + 1) + "failed to parse '" + list.get(i) + "' as type 'integer' at"
            + " position " + (i + 1) + ".");
      }
    }
    return new Args(List.copyOf(list));
  }

  private static String prefix(boolean converter, String name, int arg) {
    return converter ? "invalid arg " + arg + " in converter '" + name + "' : " : "fetch method '" + name + "' : ";
  }

  private static boolean isInteger(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && s.length() > 1)) {
        return false;
      }
    }
    return true;
  }
}
