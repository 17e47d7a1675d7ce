package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code global} section: process-wide settings. Directives a JVM cannot honour the way
 * HAProxy does ({@code chroot}, {@code user}, {@code group}, {@code daemon}, {@code nbproc}, ...)
 * are kept so that a file round-trips and the runtime can say once that it ignores them.
 *
 * @param maxconn process-wide connection limit, 0 = not set (HAProxy then derives one from the fd limit)
 * @param nbthread event loops, 0 = one per core
 * @param statsSockets {@code stats socket ...} lines as written
 * @param tune {@code tune.*} settings by name
 * @param other every other directive, as written
 */
public record GlobalSettings(
    int maxconn,
    int nbthread,
    List<LogTarget> logs,
    @Nullable String pidfile,
    @Nullable String chroot,
    @Nullable String user,
    @Nullable String group,
    boolean daemon,
    List<Setting> statsSockets,
    Map<String, String> tune,
    List<Setting> other,
    Origin origin) {

  public static final GlobalSettings DEFAULT = builder().build();

  public GlobalSettings {
    Objects.requireNonNull(origin, "origin");
    Checks.nonNegative(maxconn, "global maxconn", origin);
    Checks.range(nbthread, 0, 4096, "nbthread", origin);
    logs = List.copyOf(logs);
    statsSockets = List.copyOf(statsSockets);
    tune = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tune));
    other = List.copyOf(other);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link GlobalSettings}. */
  public static final class Builder {
    private int maxconn;
    private int nbthread;
    private final List<LogTarget> logs = new ArrayList<>();
    private @Nullable String pidfile;
    private @Nullable String chroot;
    private @Nullable String user;
    private @Nullable String group;
    private boolean daemon;
    private final List<Setting> statsSockets = new ArrayList<>();
    private final Map<String, String> tune = new LinkedHashMap<>();
    private final List<Setting> other = new ArrayList<>();
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder maxconn(int maxconn) {
      this.maxconn = maxconn;
      return this;
    }

    public Builder nbthread(int nbthread) {
      this.nbthread = nbthread;
      return this;
    }

    public Builder log(LogTarget target) {
      logs.add(Objects.requireNonNull(target, "target"));
      return this;
    }

    public Builder pidfile(@Nullable String pidfile) {
      this.pidfile = pidfile;
      return this;
    }

    public Builder chroot(@Nullable String chroot) {
      this.chroot = chroot;
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    public Builder group(@Nullable String group) {
      this.group = group;
      return this;
    }

    public Builder daemon(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    public Builder statsSocket(Setting socket) {
      statsSockets.add(Objects.requireNonNull(socket, "socket"));
      return this;
    }

    public Builder tune(String name, String value) {
      tune.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder other(Setting setting) {
      other.add(Objects.requireNonNull(setting, "setting"));
      return this;
    }

    public Builder origin(Origin origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    public GlobalSettings build() {
      return new GlobalSettings(maxconn, nbthread, logs, pidfile, chroot, user, group, daemon, statsSockets, tune,
          other, origin);
    }
  }
}
