package io.hakit.core.model;

import io.hakit.core.net.Cidr;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code option forwardfor [except <network>] [header <name>] [if-none]}: add the client address in
 * a header, except for clients in {@code except}; with {@code ifNone}, only when absent.
 */
public record ForwardFor(@Nullable Cidr except, String header, boolean ifNone) {
  public static final String DEFAULT_HEADER = "X-Forwarded-For";

  public ForwardFor {
    Objects.requireNonNull(header, "header");
    if (header.isEmpty()) {
      throw new IllegalArgumentException("header: empty (expected: a header name)");
    }
  }

  public static ForwardFor enabled() {
    return new ForwardFor(null, DEFAULT_HEADER, false);
  }
}
