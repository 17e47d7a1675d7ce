package io.hakit.core.model;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code server <name> <address> [options]} line, with {@code default-server} settings already
 * applied by the reader.
 *
 * @param weight 0-256 (default 1); 0 takes no new traffic from the balancer
 * @param maxconn concurrent connections, 0 = unlimited
 * @param maxqueue queued requests when maxconn is reached, 0 = unlimited
 * @param slowstart ramp-up after the server comes back, or null
 * @param cookie the persistence cookie value, or null
 * @param idlePool pool-max-conn, pool-low-conn and pool-purge-delay
 * @param options server options kept as written but not modelled
 */
public record Server(String name, Endpoint address, int weight, boolean backup, boolean disabled, ServerCheck check,
    int maxconn, int maxqueue, boolean sendProxy, @Nullable Duration slowstart, @Nullable String cookie,
    IdleConnectionPool idlePool, List<Setting> options, Origin origin) {
  public static final int DEFAULT_WEIGHT = 1;
  public static final int MAX_WEIGHT = 256;

  public Server {
    Objects.requireNonNull(origin, "origin");
    Checks.name(name, "server name", origin);
    Objects.requireNonNull(address, "address");
    if (address.isRange()) {
      throw new ModelException(origin, "server '" + name + "': address: port range " + address
          + " (expected: one port, no port, or +/- offset)");
    }
    if (address.isWildcard() && address.family() != Endpoint.Family.UNIX) {
      throw new ModelException(origin, "server '" + name + "': address: wildcard " + address
          + " (expected: an address or host name)");
    }
    Checks.range(weight, 0, MAX_WEIGHT, "server '" + name + "': weight", origin);
    Objects.requireNonNull(check, "check");
    Checks.nonNegative(maxconn, "server '" + name + "': maxconn", origin);
    Checks.nonNegative(maxqueue, "server '" + name + "': maxqueue", origin);
    if (slowstart != null) {
      Checks.positive(slowstart, "server '" + name + "': slowstart", origin);
    }
    Objects.requireNonNull(idlePool, "idlePool");
    options = List.copyOf(options);
  }

  public static Builder builder(String name, Endpoint address) {
    return new Builder(name, address);
  }

  public static Builder builder(String name, String address) {
    return new Builder(name, Endpoint.parse(address));
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, address);
    b.weight = weight;
    b.backup = backup;
    b.disabled = disabled;
    b.check = check;
    b.maxconn = maxconn;
    b.maxqueue = maxqueue;
    b.sendProxy = sendProxy;
    b.slowstart = slowstart;
    b.cookie = cookie;
    b.idlePool = idlePool;
    b.options.addAll(options);
    b.origin = origin;
    return b;
  }

  /** Builds a {@link Server}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final String name;
    private final Endpoint address;
    private int weight = DEFAULT_WEIGHT;
    private boolean backup;
    private boolean disabled;
    private ServerCheck check = ServerCheck.DISABLED;
    private int maxconn;
    private int maxqueue;
    private boolean sendProxy;
    private @Nullable Duration slowstart;
    private @Nullable String cookie;
    private IdleConnectionPool idlePool = IdleConnectionPool.DEFAULT;
    private final List<Setting> options = new ArrayList<>();
    private Origin origin = Origin.UNKNOWN;

    private Builder(String name, Endpoint address) {
      this.name = Objects.requireNonNull(name, "name");
      this.address = Objects.requireNonNull(address, "address");
    }

    public Builder weight(int weight) {
      this.weight = weight;
      return this;
    }

    public Builder backup(boolean backup) {
      this.backup = backup;
      return this;
    }

    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    public Builder check(ServerCheck check) {
      this.check = Objects.requireNonNull(check, "check");
      return this;
    }

    public Builder maxconn(int maxconn) {
      this.maxconn = maxconn;
      return this;
    }

    public Builder maxqueue(int maxqueue) {
      this.maxqueue = maxqueue;
      return this;
    }

    public Builder sendProxy(boolean sendProxy) {
      this.sendProxy = sendProxy;
      return this;
    }

    public Builder slowstart(@Nullable Duration slowstart) {
      this.slowstart = slowstart;
      return this;
    }

    public Builder cookie(@Nullable String cookie) {
      this.cookie = cookie;
      return this;
    }

    public Builder idlePool(IdleConnectionPool idlePool) {
      this.idlePool = Objects.requireNonNull(idlePool, "idlePool");
      return this;
    }

    public Builder option(Setting option) {
      this.options.add(Objects.requireNonNull(option, "option"));
      return this;
    }

    public Builder origin(Origin origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    public Server build() {
      return new Server(name, address, weight, backup, disabled, check, maxconn, maxqueue, sendProxy, slowstart,
          cookie, idlePool, options, origin);
    }
  }
}
