package io.hakit.core.model;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One listening address of a {@code bind} line ({@code bind :80,:8080} gives two). A port range
 * listens on each port of it.
 *
 * @param name the {@code name} option, or null
 * @param maxconn the {@code maxconn} option, 0 when not set
 * @param backlog the {@code backlog} option, 0 when not set
 * @param options other bind options as written ({@code accept-proxy}, {@code transparent},
 *     {@code ssl}, {@code crt ...})
 */
public record Bind(Endpoint address, @Nullable String name, int maxconn, int backlog, List<Setting> options, Origin origin) {
  public Bind {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(origin, "origin");
    if (address.portKind() != Endpoint.PortKind.FIXED && address.family() != Endpoint.Family.UNIX) {
      throw new ModelException(origin, "bind '" + address + "': port: missing (expected: a port or a port range)");
    }
    Checks.nonNegative(maxconn, "bind maxconn", origin);
    Checks.nonNegative(backlog, "bind backlog", origin);
    options = List.copyOf(options);
  }

  public static Bind of(Endpoint address) {
    return new Bind(address, null, 0, 0, List.of(), Origin.UNKNOWN);
  }

  /** True when an option with this keyword was given (e.g. {@code accept-proxy}). */
  public boolean hasOption(String keyword) {
    return options.stream().anyMatch(o -> o.keyword().equals(keyword));
  }
}
