package io.hakit.core.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code hash-type <method> [<function>] [<modifier>]}: method {@code map-based} (default) or
 * {@code consistent}; function {@code sdbm} (default), {@code djb2}, {@code wt6}, {@code crc32},
 * {@code none}; modifier {@code avalanche} or null.
 */
public record HashSpec(String method, String function, @Nullable String modifier) {
  public static final HashSpec DEFAULT = new HashSpec("map-based", "sdbm", null);

  public HashSpec {
    if (!List.of("map-based", "consistent").contains(Objects.requireNonNull(method, "method"))) {
      throw new IllegalArgumentException("hash-type method: " + method + " (expected: map-based or consistent)");
    }
    if (!List.of("sdbm", "djb2", "wt6", "crc32", "none").contains(Objects.requireNonNull(function, "function"))) {
      throw new IllegalArgumentException("hash-type function: " + function
          + " (expected: sdbm, djb2, wt6, crc32 or none)");
    }
    if (modifier != null && !modifier.equals("avalanche")) {
      throw new IllegalArgumentException("hash-type modifier: " + modifier + " (expected: avalanche)");
    }
  }
}
