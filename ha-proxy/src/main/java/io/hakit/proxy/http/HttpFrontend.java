package io.hakit.proxy.http;

import io.hakit.core.HaException;
import io.hakit.core.model.Acl;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BackendRule;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ServerRule;
import io.hakit.core.model.TimeoutKind;
import io.hakit.proxy.acl.AclCompiler;
import io.hakit.proxy.acl.AclPredicate;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.backend.TrafficCounters;
import io.hakit.proxy.log.AccessLog;
import io.hakit.proxy.stats.StatsPage;
import io.hakit.proxy.backend.Connector;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP-mode frontend compiled for the hot path: ACL routes, http-request rules, timeouts in
 * nanoseconds, forwardfor. Immutable and shared by every event loop; each accepted connection
 * gets its own {@link HttpSession} from {@link #newSession()}.
 */
public final class HttpFrontend {
  /** A compiled {@code use_backend}. */
  record Route(AclPredicate condition, BackendState backend) {}

  /**
   * What a request switched to a backend gets from it: its own http-request and http-response rules
   * (run after the frontend's request rules and before its response rules), its error pages (over
   * the frontend's), and its {@code use-server} rules.
   */
  record BackendRules(RequestRule[] request, RequestRule[] response, ErrorPages pages, ServerRoute[] useServer) {}

  /** A compiled {@code use-server}: the server a request goes to, bypassing the balancer, when the condition holds. */
  record ServerRoute(AclPredicate condition, ServerState server) {}

  /** HAProxy: tune.bufsize (16384) minus tune.maxrewrite (1024). */
  static final int MAX_HEAD = 15360;
  /** HAProxy: tune.http.maxhdr. */
  static final int MAX_HEADERS = 101;

  final Frontend model;
  final Route[] routes;
  final @Nullable BackendState defaultBackend;
  final RequestRule[] rules;
  /** http-response rules, run on the response head after the backend's. */
  final RequestRule[] responseRules;
  /** Every backend's rules (a backend shared by several frontends is compiled once per frontend). */
  private final Map<BackendState, BackendRules> backendRules = new IdentityHashMap<>();
  /** For a backend without HTTP rules of its own (a TCP-mode one). */
  private final BackendRules noBackendRules;
  /** {@code errorfile} pages of this frontend over haproxy's built-in ones, until a backend is chosen. */
  final ErrorPages errorPages;
  final @Nullable ForwardFor forwardFor;
  final HttpConnectionMode connectionMode;
  final long httpRequestNanos;
  final long keepAliveNanos;
  final long clientNanos;
  final AccessLog log;
  final Connector connector;
  final BooleanSupplier stopping;
  final TrafficCounters counters = new TrafficCounters();
  /** {@code stats enable}: requests for its URI are answered here, or null. */
  final @Nullable StatsPage statsPage;
  /** Cookie persistence of the backends that have a {@code cookie}, by backend (identity). */
  final Map<BackendState, CookiePersistence> cookies;
  /** A {@code listen} section's own cookie persistence (its flags show on what its frontend half answers), or null. */
  final @Nullable CookiePersistence listenCookie;

  /**
   * Compiles a frontend.
   *
   * @param connector a bootstrap whose channel class and options are set; sessions clone it onto their loop
   * @throws HaException for an unknown ACL, fetch or unsupported rule
   */
  public HttpFrontend(Frontend model, Map<String, BackendState> backends, Connector connector, AccessLog log,
      BooleanSupplier stopping) {
    this(model, backends, connector, log, stopping, null);
  }

  /** The same, with the stats page this frontend serves ({@code stats enable}), or null. */
  public HttpFrontend(Frontend model, Map<String, BackendState> backends, Connector connector, AccessLog log,
      BooleanSupplier stopping, @Nullable StatsPage statsPage) {
    this.model = model;
    this.statsPage = statsPage;
    String where = "frontend '" + model.name() + "'";
    List<Route> list = new ArrayList<>();
    for (BackendRule r : model.backendRules()) {
      if (r.isDynamic()) {
        throw new HaException(where + ": use_backend " + r.backend() + ": dynamic backend names are not supported at "
            + r.origin());
      }
      try {
        list.add(new Route(AclCompiler.compile(r.condition(), model.acls()), backends.get(r.backend())));
      } catch (IllegalArgumentException e) {
        throw new HaException(where + ": use_backend " + r.backend() + ": " + e.getMessage() + " at " + r.origin(), e);
      }
    }
    this.routes = list.toArray(new Route[0]);
    this.defaultBackend = model.defaultBackend() == null ? null : backends.get(model.defaultBackend());
    this.errorPages = ErrorPages.of(model.errorFiles(), ErrorPages.BUILT_IN, where);
    this.rules = compile(model.httpRequestRules(), model.acls(), where, false, errorPages);
    this.responseRules = compile(model.httpResponseRules(), model.acls(), where, true, errorPages);
    this.noBackendRules = new BackendRules(new RequestRule[0], new RequestRule[0], errorPages, new ServerRoute[0]);
    for (BackendState be : backends.values()) {
      Backend bm = be.model();
      if (bm.mode() != Mode.HTTP) {
        continue;
      }
      String beWhere = "backend '" + bm.name() + "'";
      ErrorPages pages = ErrorPages.of(bm.errorFiles(), errorPages, beWhere);
      backendRules.put(be, new BackendRules(compile(bm.httpRequestRules(), bm.acls(), beWhere, false, pages),
          compile(bm.httpResponseRules(), bm.acls(), beWhere, true, pages), pages, useServer(be, beWhere)));
    }
    this.forwardFor = model.forwardFor();
    this.connectionMode = model.connectionMode();
    this.clientNanos = nanos(model.timeouts().get(TimeoutKind.CLIENT).orElse(null));
    long request = nanos(model.timeouts().get(TimeoutKind.HTTP_REQUEST).orElse(null));
    this.httpRequestNanos = request > 0 ? request : clientNanos;
    long keepAlive = nanos(model.timeouts().get(TimeoutKind.HTTP_KEEP_ALIVE).orElse(null));
    this.keepAliveNanos = keepAlive > 0 ? keepAlive : httpRequestNanos;
    this.log = log;
    this.connector = connector;
    this.stopping = stopping;
    this.cookies = CookiePersistence.compileAll(backends.values());
    BackendState own = defaultBackend;
    this.listenCookie = own != null && own.name().equals(model.name()) && own.model().origin().equals(model.origin())
        ? cookies.get(own) : null;
  }

  private static RequestRule[] compile(List<HttpRule> rules, List<Acl> acls, String where, boolean onResponse,
      ErrorPages pages) {
    RequestRule[] out = new RequestRule[rules.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = RequestRule.compile(rules.get(i), acls, where, onResponse, pages);
    }
    return out;
  }

  private static ServerRoute[] useServer(BackendState be, String where) {
    List<ServerRule> rules = be.model().serverRules();
    ServerRoute[] out = new ServerRoute[rules.size()];
    for (int i = 0; i < out.length; i++) {
      ServerRule r = rules.get(i);
      ServerState server = null;
      for (ServerState s : be.servers()) {
        if (s.name().equals(r.server())) {
          server = s;
        }
      }
      if (server == null) {
        throw new HaException(where + ": use-server '" + r.server() + "': no such server at " + r.origin());
      }
      try {
        out[i] = new ServerRoute(AclCompiler.compile(r.condition(), be.model().acls()), server);
      } catch (IllegalArgumentException e) {
        throw new HaException(where + ": use-server " + r.server() + ": " + e.getMessage() + " at " + r.origin(), e);
      }
    }
    return out;
  }

  /** The rules of a backend this frontend routes to. */
  BackendRules rulesOf(BackendState backend) {
    return backendRules.getOrDefault(backend, noBackendRules);
  }

  static long nanos(@Nullable Duration d) {
    return d == null ? 0 : d.toNanos();
  }

  public String name() {
    return model.name();
  }

  /** This frontend's traffic, for show stat. */
  public TrafficCounters counters() {
    return counters;
  }

  /** A handler for one accepted client connection. */
  public ChannelHandler newSession() {
    return new HttpSession(this);
  }

  /** The backend for a request: the first matching use_backend, else default_backend, else null. */
  @Nullable BackendState route(HttpHead req) {
    for (Route r : routes) {
      if (r.condition().test(req)) {
        return r.backend();
      }
    }
    return defaultBackend;
  }
}
