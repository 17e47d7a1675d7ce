package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code backend} (or the server half of a {@code listen}), with its {@code defaults} already
 * applied: its servers, how it balances and checks them, and what it does when they fail.
 *
 * @param retries connect retries (HAProxy's default 3)
 * @param retryOn {@code retry-on} keywords; empty = HAProxy's default (connect-failure)
 * @param redispatch {@code option redispatch}: a retry may go to another server
 * @param fullconn {@code fullconn}, 0 = not set
 * @param cookie {@code cookie} persistence, or null
 * @param httpReuse {@code http-reuse} mode (never, safe, aggressive, always), or null for safe
 * @param options other {@code option X} (true) / {@code no option X} (false) the model does not type
 * @param extras keywords recognised but not modelled, kept as written
 */
public record Backend(
    String name,
    Mode mode,
    BalanceSpec balance,
    List<Server> servers,
    HealthCheckSpec healthCheck,
    Timeouts timeouts,
    int retries,
    List<String> retryOn,
    boolean redispatch,
    HttpConnectionMode connectionMode,
    @Nullable ForwardFor forwardFor,
    List<Acl> acls,
    List<HttpRule> httpRequestRules,
    List<HttpRule> httpResponseRules,
    List<ServerRule> serverRules,
    int fullconn,
    @Nullable CookieSpec cookie,
    @Nullable String httpReuse,
    LogSettings log,
    StatsSpec stats,
    Map<Integer, String> errorFiles,
    Map<String, Boolean> options,
    boolean disabled,
    List<Setting> extras,
    Origin origin) {
  /** HAProxy's default {@code retries}. */
  public static final int DEFAULT_RETRIES = 3;

  public Backend {
    Objects.requireNonNull(origin, "origin");
    Checks.name(name, "backend name", origin);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(balance, "balance");
    servers = List.copyOf(servers);
    Objects.requireNonNull(healthCheck, "healthCheck");
    Objects.requireNonNull(timeouts, "timeouts");
    Checks.nonNegative(retries, "backend '" + name + "': retries", origin);
    retryOn = List.copyOf(retryOn);
    Objects.requireNonNull(connectionMode, "connectionMode");
    acls = List.copyOf(acls);
    httpRequestRules = List.copyOf(httpRequestRules);
    httpResponseRules = List.copyOf(httpResponseRules);
    serverRules = List.copyOf(serverRules);
    Checks.nonNegative(fullconn, "backend '" + name + "': fullconn", origin);
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(stats, "stats");
    errorFiles = Map.copyOf(errorFiles);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    extras = List.copyOf(extras);
  }

  /** True when {@code option <name>} is on (false when unset or {@code no option}). */
  public boolean option(String optionName) {
    return options.getOrDefault(optionName, false);
  }

  /** The server with this name, or null. */
  public @Nullable Server server(String serverName) {
    for (Server s : servers) {
      if (s.name().equals(serverName)) {
        return s;
      }
    }
    return null;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Backend}; defaults are HAProxy's built-in ones. */
  public static final class Builder {
    private final String name;
    private Mode mode = Mode.TCP;
    private BalanceSpec balance = BalanceSpec.ROUND_ROBIN;
    private final List<Server> servers = new ArrayList<>();
    private HealthCheckSpec healthCheck = HealthCheckSpec.TCP_CONNECT;
    private Timeouts timeouts = Timeouts.NONE;
    private int retries = DEFAULT_RETRIES;
    private List<String> retryOn = List.of();
    private boolean redispatch;
    private HttpConnectionMode connectionMode = HttpConnectionMode.KEEP_ALIVE;
    private @Nullable ForwardFor forwardFor;
    private final List<Acl> acls = new ArrayList<>();
    private final List<HttpRule> httpRequestRules = new ArrayList<>();
    private final List<HttpRule> httpResponseRules = new ArrayList<>();
    private final List<ServerRule> serverRules = new ArrayList<>();
    private int fullconn;
    private @Nullable CookieSpec cookie;
    private @Nullable String httpReuse;
    private LogSettings log = LogSettings.NONE;
    private StatsSpec stats = StatsSpec.DISABLED;
    private final Map<Integer, String> errorFiles = new LinkedHashMap<>();
    private final Map<String, Boolean> options = new LinkedHashMap<>();
    private boolean disabled;
    private final List<Setting> extras = new ArrayList<>();
    private Origin origin = Origin.UNKNOWN;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder balance(BalanceSpec balance) {
      this.balance = Objects.requireNonNull(balance, "balance");
      return this;
    }

    public Builder server(Server server) {
      servers.add(Objects.requireNonNull(server, "server"));
      return this;
    }

    public Builder healthCheck(HealthCheckSpec healthCheck) {
      this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
      return this;
    }

    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    public Builder timeout(TimeoutKind kind, java.time.Duration value) {
      this.timeouts = timeouts.with(kind, value);
      return this;
    }

    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    public Builder retryOn(List<String> retryOn) {
      this.retryOn = List.copyOf(retryOn);
      return this;
    }

    public Builder redispatch(boolean redispatch) {
      this.redispatch = redispatch;
      return this;
    }

    public Builder connectionMode(HttpConnectionMode mode) {
      this.connectionMode = Objects.requireNonNull(mode, "connectionMode");
      return this;
    }

    public Builder forwardFor(@Nullable ForwardFor forwardFor) {
      this.forwardFor = forwardFor;
      return this;
    }

    public Builder acl(Acl acl) {
      acls.add(Objects.requireNonNull(acl, "acl"));
      return this;
    }

    public Builder httpRequestRule(HttpRule rule) {
      httpRequestRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder httpResponseRule(HttpRule rule) {
      httpResponseRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder serverRule(ServerRule rule) {
      serverRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder fullconn(int fullconn) {
      this.fullconn = fullconn;
      return this;
    }

    public Builder cookie(@Nullable CookieSpec cookie) {
      this.cookie = cookie;
      return this;
    }

    public Builder httpReuse(@Nullable String httpReuse) {
      this.httpReuse = httpReuse;
      return this;
    }

    public Builder log(LogSettings log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Builder stats(StatsSpec stats) {
      this.stats = Objects.requireNonNull(stats, "stats");
      return this;
    }

    public Builder errorFile(int status, String file) {
      errorFiles.put(status, Objects.requireNonNull(file, "file"));
      return this;
    }

    public Builder option(String optionName, boolean on) {
      options.put(Objects.requireNonNull(optionName, "optionName"), on);
      return this;
    }

    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    public Builder extra(Setting setting) {
      extras.add(Objects.requireNonNull(setting, "setting"));
      return this;
    }

    public Builder origin(Origin origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    public Backend build() {
      return new Backend(name, mode, balance, servers, healthCheck, timeouts, retries, retryOn, redispatch,
          connectionMode, forwardFor, acls, httpRequestRules, httpResponseRules, serverRules, fullconn, cookie,
          httpReuse, log, stats, errorFiles, options, disabled, extras, origin);
    }
  }
}
