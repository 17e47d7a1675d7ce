package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/**
 * A directive kept as written: a keyword and its arguments. Used for what the model recognises but
 * does not interpret (extra bind or server options, JVM-inapplicable global directives, sections
 * HAKit does not run), so that nothing from a file is silently dropped and a writer can echo it.
 */
public record Setting(String keyword, List<String> args, Origin origin) {
  public Setting {
    Objects.requireNonNull(keyword, "keyword");
    args = List.copyOf(args);
    Objects.requireNonNull(origin, "origin");
  }

  public static Setting of(String keyword, String... args) {
    return new Setting(keyword, List.of(args), Origin.UNKNOWN);
  }
}
