package io.hakit.core;

import java.util.Objects;

/**
 * Where a configuration element came from: a file and a 1-based line. Elements built in code carry
 * {@link #UNKNOWN}, so that every model element can point at its source without nulls.
 *
 * @param file the file name as the user gave it; empty when unknown
 * @param line the 1-based line; 0 when unknown
 */
public record Origin(String file, int line) {
  /** The origin of an element that was not read from a file. */
  public static final Origin UNKNOWN = new Origin("", 0);

  public Origin {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line: " + line + " (expected: >= 0)");
    }
  }

  public static Origin of(String file, int line) {
    return new Origin(file, line);
  }

  public boolean isKnown() {
    return !file.isEmpty();
  }

  /** {@code file:line} as HAProxy prints it, or {@code <unknown>}. */
  @Override
  public String toString() {
    return isKnown() ? file + ":" + line : "<unknown>";
  }
}
