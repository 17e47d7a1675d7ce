package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code use_backend <backend> [if|unless <cond>]}. A name containing {@code %[} is a dynamic
 * log-format name resolved per request, and is not checked against the backends.
 */
public record BackendRule(String backend, @Nullable Condition condition, Origin origin) {
  public BackendRule {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(origin, "origin");
  }

  public boolean isDynamic() {
    return backend.contains("%[");
  }
}
