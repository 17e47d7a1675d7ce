package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code use-server <server> [if|unless <cond>]}. */
public record ServerRule(String server, @Nullable Condition condition, Origin origin) {
  public ServerRule {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(origin, "origin");
  }
}
