package io.hakit.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a haproxy.cfg tells the proxy, resolved and validated: global settings, frontends and
 * backends ({@code listen} sections arrive as one of each, {@code defaults} already applied).
 * Constructing one runs {@link ModelValidator}: an invalid model never exists.
 */
public record ProxyModel(GlobalSettings global, List<Frontend> frontends, List<Backend> backends) {

  public ProxyModel {
    Objects.requireNonNull(global, "global");
    frontends = List.copyOf(frontends);
    backends = List.copyOf(backends);
    ModelValidator.validate(frontends, backends);
  }

  public Optional<Frontend> frontend(String name) {
    return frontends.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public Optional<Backend> backend(String name) {
    return backends.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProxyModel}; {@link #build()} validates cross references. */
  public static final class Builder {
    private GlobalSettings global = GlobalSettings.DEFAULT;
    private final List<Frontend> frontends = new ArrayList<>();
    private final List<Backend> backends = new ArrayList<>();

    private Builder() {}

    public Builder global(GlobalSettings global) {
      this.global = Objects.requireNonNull(global, "global");
      return this;
    }

    public Builder frontend(Frontend frontend) {
      frontends.add(Objects.requireNonNull(frontend, "frontend"));
      return this;
    }

    public Builder backend(Backend backend) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      return this;
    }

    /** @throws ModelException listing every problem, each at the origin of its element */
    public ProxyModel build() {
      return new ProxyModel(global, frontends, backends);
    }
  }
}
