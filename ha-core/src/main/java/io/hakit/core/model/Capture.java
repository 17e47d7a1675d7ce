package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.Objects;

/** {@code capture request header <name> len <n>}, {@code capture response header ...}, {@code capture cookie <name> len <n>}. */
public record Capture(Kind kind, String name, int length, Origin origin) {

  /** What is captured into the log. */
  public enum Kind {
    REQUEST_HEADER,
    RESPONSE_HEADER,
    COOKIE
  }

  public Capture {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Checks.range(length, 1, 65535, "capture len", origin);
  }
}
