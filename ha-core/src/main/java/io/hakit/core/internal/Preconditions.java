package io.hakit.core.internal;

import java.util.Objects;

/**
 * Argument checks whose messages name the parameter and what was expected, e.g.
 * {@code "port: 0 (expected: 1-65535)"}. Internal: may change at any time.
 */
public final class Preconditions {
  private Preconditions() {}

  public static <T> T checkNotNull(T value, String name) {
    return Objects.requireNonNull(value, name);
  }

  public static int checkRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + "-" + max + ")");
    }
    return value;
  }

  public static int checkPositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
    return value;
  }

  public static int checkNonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  public static String checkNotEmpty(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + ": empty (expected: a non-empty string)");
    }
    return value;
  }

  public static void checkArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static void checkState(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }
}
