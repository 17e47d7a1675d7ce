package io.hakit.config.haproxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The variables lines see: the caller's environment, changed in order by global {@code setenv},
 * {@code presetenv}, {@code resetenv} and {@code unsetenv}, plus the pseudo-variables of the current
 * line. Owned by one read.
 */
final class Variables implements VariableSource {
  private final Map<String, String> env;
  private String file = "";
  private int line;
  private String section = "";

  Variables(Map<String, String> environment) {
    this.env = new HashMap<>(environment);
  }

  void at(String file, int line, String section) {
    this.file = file;
    this.line = line;
    this.section = section;
  }

  @Override
  public @Nullable String get(String name) {
    return switch (name) {
      case ".FILE" -> file;
      case ".LINE" -> Integer.toString(line);
      case ".SECTION" -> section;
      default -> env.get(name);
    };
  }

  /** Applies a global environment directive, as HAProxy does while parsing. */
  void apply(String keyword, List<String> args) {
    switch (keyword) {
      case "setenv" -> {
        if (args.size() >= 2) {
          env.put(args.get(0), args.get(1));
        }
      }
      case "presetenv" -> {
        if (args.size() >= 2) {
          env.putIfAbsent(args.get(0), args.get(1));
        }
      }
      case "unsetenv" -> args.forEach(env::remove);
      case "resetenv" -> env.keySet().retainAll(args);
      default -> throw new IllegalArgumentException("keyword: " + keyword + " (expected: an env directive)");
    }
  }
}
