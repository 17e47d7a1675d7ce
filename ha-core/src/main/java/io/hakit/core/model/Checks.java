package io.hakit.core.model;

import io.hakit.core.Origin;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Range checks of model values; failures are {@link ModelException}s at the element's origin. */
final class Checks {
  /** Proxy, server and ACL names: HAProxy's {@code [A-Za-z0-9_.:-]+}. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

  private Checks() {}

  static String name(String value, String what, Origin origin) {
    Objects.requireNonNull(value, what);
    if (!NAME.matcher(value).matches()) {
      throw new ModelException(origin,
          what + ": '" + value + "' (expected: letters, digits, '_', '.', ':' or '-')");
    }
    return value;
  }

  static int range(int value, int min, int max, String what, Origin origin) {
    if (value < min || value > max) {
      throw new ModelException(origin, what + ": " + value + " (expected: " + min + "-" + max + ")");
    }
    return value;
  }

  static int nonNegative(int value, String what, Origin origin) {
    if (value < 0) {
      throw new ModelException(origin, what + ": " + value + " (expected: >= 0, 0 = not set)");
    }
    return value;
  }

  static Duration positive(Duration value, String what, Origin origin) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new ModelException(origin, what + ": " + value + " (expected: > 0)");
    }
    return value;
  }
}
