package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/** {@code cookie <name> [rewrite|insert|prefix] [indirect] [nocache] [postonly] [preserve] [httponly] [secure] ...}. */
public record CookieSpec(String name, List<String> options, Origin origin) {
  public CookieSpec {
    Objects.requireNonNull(name, "name");
    options = List.copyOf(options);
    Objects.requireNonNull(origin, "origin");
  }
}
