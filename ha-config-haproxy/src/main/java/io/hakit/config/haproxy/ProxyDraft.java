package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.Acl;
import io.hakit.core.model.BackendRule;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Capture;
import io.hakit.core.model.Condition;
import io.hakit.core.model.CookieSpec;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Mode;
import io.hakit.core.model.Server;
import io.hakit.core.model.ServerRule;
import io.hakit.core.model.Setting;
import io.hakit.core.model.TimeoutKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parser's mutable state of one proxy section ({@code defaults}, {@code frontend},
 * {@code backend} or {@code listen}) while its lines are read. A proxy starts as a copy of its
 * defaults' draft ({@link #inheritFrom}), as HAProxy snapshots defaults when it reads the header;
 * {@link ModelAssembler} turns it into model records at the end. Owned by the reading thread.
 */
final class ProxyDraft {
  final SectionType type;
  final String name;
  final Origin origin;

  Mode mode = Mode.TCP;
  final List<Bind> binds = new ArrayList<>();
  final List<Acl> acls = new ArrayList<>();
  final Set<String> aclNames = new HashSet<>();
  final List<HttpRule> httpRequestRules = new ArrayList<>();
  final List<HttpRule> httpResponseRules = new ArrayList<>();
  final List<BackendRule> backendRules = new ArrayList<>();
  final List<ServerRule> serverRules = new ArrayList<>();
  @Nullable String defaultBackend;
  Origin defaultBackendOrigin = Origin.UNKNOWN;
  final Map<TimeoutKind, Duration> timeouts = new EnumMap<>(TimeoutKind.class);
  int maxconn;
  int fullconn;
  int retries = io.hakit.core.model.Backend.DEFAULT_RETRIES;
  List<String> retryOn = List.of();
  boolean redispatch;
  HttpConnectionMode connectionMode = HttpConnectionMode.KEEP_ALIVE;
  @Nullable ForwardFor forwardFor;
  final List<LogTarget> logTargets = new ArrayList<>();
  LogStyle logStyle = LogStyle.NONE;
  @Nullable String logFormat;
  /** The {@code log-format} statement's line (here or in the defaults section), for runtime errors. */
  Origin logFormatOrigin = Origin.UNKNOWN;
  boolean dontLogNull;
  boolean logHealthChecks;
  final List<Capture> captures = new ArrayList<>();
  @Nullable String monitorUri;
  final StatsDraft stats = new StatsDraft();
  final Map<Integer, String> errorFiles = new LinkedHashMap<>();
  final Map<String, Boolean> options = new LinkedHashMap<>();
  boolean disabled;
  final List<Setting> frontendExtras = new ArrayList<>();
  final List<Setting> backendExtras = new ArrayList<>();
  String balanceAlgorithm = "roundrobin";
  List<String> balanceArgs = List.of();
  Origin balanceOrigin = Origin.UNKNOWN;
  HashSpec hash = HashSpec.DEFAULT;
  HealthCheckSpec healthCheck = HealthCheckSpec.TCP_CONNECT;
  @Nullable CookieSpec cookie;
  @Nullable String httpReuse;
  /** The words of the {@code default-server} lines, applied before each server's own options. */
  final List<String> defaultServerWords = new ArrayList<>();
  final List<Server> servers = new ArrayList<>();
  final Map<String, Origin> serverNames = new LinkedHashMap<>();
  /** The ACLs and rules of a named defaults section, which HAKit does not apply (see Deviations). */
  boolean hasRules;
  /** For a defaults section with rules: which kinds of proxies inherit from it (they may not be both). */
  boolean usedByFrontend;
  boolean usedByBackend;

  ProxyDraft(SectionType type, String name, Origin origin) {
    this.type = type;
    this.name = name;
    this.origin = origin;
  }

  boolean isDefaults() {
    return type == SectionType.DEFAULTS;
  }

  boolean isAnonymousDefaults() {
    return isDefaults() && name.isEmpty();
  }

  /** Copies what HAProxy copies from a defaults section when a proxy (or defaults {@code from}) starts. */
  void inheritFrom(ProxyDraft d) {
    mode = d.mode;
    defaultBackend = d.defaultBackend;
    defaultBackendOrigin = d.defaultBackendOrigin;
    timeouts.putAll(d.timeouts);
    maxconn = d.maxconn;
    fullconn = d.fullconn;
    retries = d.retries;
    retryOn = d.retryOn;
    redispatch = d.redispatch;
    connectionMode = d.connectionMode;
    forwardFor = d.forwardFor;
    logTargets.addAll(d.logTargets);
    logStyle = d.logStyle;
    logFormat = d.logFormat;
    logFormatOrigin = d.logFormatOrigin;
    dontLogNull = d.dontLogNull;
    logHealthChecks = d.logHealthChecks;
    monitorUri = d.monitorUri;
    stats.copyFrom(d.stats);
    errorFiles.putAll(d.errorFiles);
    options.putAll(d.options);
    disabled = d.disabled;
    frontendExtras.addAll(d.frontendExtras);
    backendExtras.addAll(d.backendExtras);
    balanceAlgorithm = d.balanceAlgorithm;
    balanceArgs = d.balanceArgs;
    balanceOrigin = d.balanceOrigin;
    hash = d.hash;
    healthCheck = d.healthCheck;
    cookie = d.cookie;
    httpReuse = d.httpReuse;
    defaultServerWords.addAll(d.defaultServerWords);
  }

  /** The stats page settings while they are read. */
  static final class StatsDraft {
    boolean enabled;
    @Nullable String uri;
    final List<String> auth = new ArrayList<>();
    @Nullable String realm;
    @Nullable Duration refresh;
    @Nullable Condition admin;
    boolean hideVersion;
    final List<Setting> other = new ArrayList<>();

    void copyFrom(StatsDraft s) {
      enabled = s.enabled;
      uri = s.uri;
      auth.addAll(s.auth);
      realm = s.realm;
      refresh = s.refresh;
      admin = s.admin;
      hideVersion = s.hideVersion;
      other.addAll(s.other);
    }
  }
}
