package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One {@code http-request} or {@code http-response} line: an action and an optional condition. */
public record HttpRule(HttpAction action, @Nullable Condition condition, Origin origin) {
  public HttpRule {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(origin, "origin");
  }
}
