package io.hakit.core.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code http-check expect [!] <matcher> <pattern>}: matcher {@code status}, {@code rstatus},
 * {@code string}, {@code rstring}, {@code hdr}, {@code fhdr}. {@code status} takes a code, a list
 * ({@code 200,301}) or a range ({@code 200-399}).
 */
public record HttpCheckExpect(boolean negated, String matcher, String pattern) {
  public HttpCheckExpect {
    if (!List.of("status", "rstatus", "string", "rstring", "hdr", "fhdr").contains(Objects.requireNonNull(matcher, "matcher"))) {
      throw new IllegalArgumentException("http-check expect matcher: " + matcher
          + " (expected: status, rstatus, string, rstring, hdr or fhdr)");
    }
    Objects.requireNonNull(pattern, "pattern");
  }
}
