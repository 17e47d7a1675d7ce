package io.hakit.examples.cli;

import io.hakit.core.internal.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict flag parser: declared flags only, each either a switch or one taking a value
 * (repeatable, as {@code -f a -f b}); anything else is a {@link UsageException} naming the flag.
 */
final class Flags {
  private final Set<String> switches;
  private final Set<String> valued;
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Flags(Set<String> switches, Set<String> valued) {
    this.switches = switches;
    this.valued = valued;
  }

  static Flags parse(String command, List<String> args, Set<String> switches, Set<String> valued)
      throws UsageException {
    Flags f = new Flags(switches, valued);
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a;
      String inline = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        inline = a.substring(eq + 1);
      }
      if (switches.contains(name) && inline == null) {
        f.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        String value = inline;
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("hakit " + command + ": option '" + name + "' needs a value");
          }
          value = args.get(++i);
        }
        f.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else if (a.startsWith("-") && a.length() > 1) {
        List<String> known = new ArrayList<>(switches);
        known.addAll(valued);
        String hint = Suggestions.closest(name, known);
        throw new UsageException("hakit " + command + ": unknown option '" + a + "'"
            + (hint != null ? "; did you mean '" + hint + "'?" : ""));
      } else {
        f.positional.add(a);
      }
    }
    return f;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  String get(String name, String fallback) {
    List<String> v = values.get(name);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  List<String> positional() {
    return positional;
  }
}
