package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code frontend} (or the listening half of a {@code listen}), with its {@code defaults}
 * already applied: what it listens on and how it picks a backend for each request or connection.
 *
 * @param maxconn concurrent connections accepted, 0 = not set (then global maxconn)
 * @param forwardFor {@code option forwardfor}, or null when off
 * @param monitorUri {@code monitor-uri}, or null
 * @param errorFiles {@code errorfile <code> <file>} by status code
 * @param options other {@code option X} (true) / {@code no option X} (false) the model does not type
 * @param extras keywords recognised but not modelled, kept as written
 */
public record Frontend(
    String name,
    Mode mode,
    List<Bind> binds,
    List<Acl> acls,
    List<HttpRule> httpRequestRules,
    List<HttpRule> httpResponseRules,
    List<BackendRule> backendRules,
    @Nullable String defaultBackend,
    Timeouts timeouts,
    int maxconn,
    HttpConnectionMode connectionMode,
    @Nullable ForwardFor forwardFor,
    LogSettings log,
    List<Capture> captures,
    @Nullable String monitorUri,
    StatsSpec stats,
    Map<Integer, String> errorFiles,
    Map<String, Boolean> options,
    boolean disabled,
    List<Setting> extras,
    Origin origin) {

  public Frontend {
    Objects.requireNonNull(origin, "origin");
    Checks.name(name, "frontend name", origin);
    Objects.requireNonNull(mode, "mode");
    binds = List.copyOf(binds);
    acls = List.copyOf(acls);
    httpRequestRules = List.copyOf(httpRequestRules);
    httpResponseRules = List.copyOf(httpResponseRules);
    backendRules = List.copyOf(backendRules);
    Objects.requireNonNull(timeouts, "timeouts");
    Checks.nonNegative(maxconn, "frontend '" + name + "': maxconn", origin);
    Objects.requireNonNull(connectionMode, "connectionMode");
    Objects.requireNonNull(log, "log");
    captures = List.copyOf(captures);
    Objects.requireNonNull(stats, "stats");
    errorFiles = Map.copyOf(errorFiles);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    extras = List.copyOf(extras);
  }

  /** True when {@code option <name>} is on (false when unset or {@code no option}). */
  public boolean option(String optionName) {
    return options.getOrDefault(optionName, false);
  }

  /** The ACL lines with this name, in file order (several lines are OR-ed). */
  public List<Acl> acls(String aclName) {
    return acls.stream().filter(a -> a.name().equals(aclName)).toList();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Frontend}; defaults are HAProxy's built-in ones. */
  public static final class Builder {
    private final String name;
    private Mode mode = Mode.TCP;
    private final List<Bind> binds = new ArrayList<>();
    private final List<Acl> acls = new ArrayList<>();
    private final List<HttpRule> httpRequestRules = new ArrayList<>();
    private final List<HttpRule> httpResponseRules = new ArrayList<>();
    private final List<BackendRule> backendRules = new ArrayList<>();
    private @Nullable String defaultBackend;
    private Timeouts timeouts = Timeouts.NONE;
    private int maxconn;
    private HttpConnectionMode connectionMode = HttpConnectionMode.KEEP_ALIVE;
    private @Nullable ForwardFor forwardFor;
    private LogSettings log = LogSettings.NONE;
    private final List<Capture> captures = new ArrayList<>();
    private @Nullable String monitorUri;
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

    public Builder bind(Bind bind) {
      binds.add(Objects.requireNonNull(bind, "bind"));
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

    public Builder backendRule(BackendRule rule) {
      backendRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder defaultBackend(@Nullable String backend) {
      this.defaultBackend = backend;
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

    public Builder maxconn(int maxconn) {
      this.maxconn = maxconn;
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

    public Builder log(LogSettings log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Builder capture(Capture capture) {
      captures.add(Objects.requireNonNull(capture, "capture"));
      return this;
    }

    public Builder monitorUri(@Nullable String uri) {
      this.monitorUri = uri;
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

    public Frontend build() {
      return new Frontend(name, mode, binds, acls, httpRequestRules, httpResponseRules, backendRules, defaultBackend,
          timeouts, maxconn, connectionMode, forwardFor, log, captures, monitorUri, stats, errorFiles, options,
          disabled, extras, origin);
    }
  }
}
