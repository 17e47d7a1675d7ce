package io.hakit.config.haproxy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BackendRule;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Capture;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpCheckExpect;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.LogSettings;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.ServerRule;
import io.hakit.core.model.Setting;
import io.hakit.core.model.StatsSpec;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.model.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ProxyModel} as haproxy.cfg text that {@link HaproxyConfigReader} reads back to an
 * equal model: one {@code global}, then a {@code frontend} and a {@code backend} section per proxy
 * with every setting explicit (no {@code defaults}). Stateless and thread-safe.
 */
public final class HaproxyConfigWriter {
  private static final String INDENT = "    ";

  public String write(ProxyModel model) {
    StringBuilder out = new StringBuilder();
    global(model.global(), out);
    for (Frontend f : model.frontends()) {
      out.append('\n');
      frontend(f, out);
    }
    for (Backend b : model.backends()) {
      out.append('\n');
      backend(b, out);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> words) {
    out.append(INDENT).append(Words.join(words)).append('\n');
  }

  private static void line(StringBuilder out, String... words) {
    line(out, List.of(words));
  }

  private static List<String> words(String first, List<String> rest) {
    List<String> w = new ArrayList<>(rest.size() + 1);
    w.add(first);
    w.addAll(rest);
    return w;
  }

  private static void setting(StringBuilder out, Setting s) {
    List<String> w = new ArrayList<>(List.of(s.keyword().split(" ")));
    w.addAll(s.args());
    line(out, w);
  }

  private static String ms(Duration d) {
    return ConfigWords.ms(d);
  }

  private static void global(GlobalSettings g, StringBuilder out) {
    out.append("global\n");
    if (g.maxconn() > 0) {
      line(out, "maxconn", Integer.toString(g.maxconn()));
    }
    if (g.nbthread() > 0) {
      line(out, "nbthread", Integer.toString(g.nbthread()));
    }
    for (LogTarget t : g.logs()) {
      line(out, words("log", words(t.address(), t.args())));
    }
    optional(out, "pidfile", g.pidfile());
    optional(out, "chroot", g.chroot());
    optional(out, "user", g.user());
    optional(out, "group", g.group());
    if (g.daemon()) {
      line(out, "daemon");
    }
    g.statsSockets().forEach(s -> setting(out, s));
    g.tune().forEach((k, v) -> line(out, k, v));
    g.other().forEach(s -> setting(out, s));
  }

  private static void optional(StringBuilder out, String keyword, @Nullable String value) {
    if (value != null) {
      line(out, keyword, value);
    }
  }

  private static void frontend(Frontend f, StringBuilder out) {
    out.append("frontend ").append(f.name()).append('\n');
    line(out, "mode", f.mode().keyword());
    if (f.disabled()) {
      line(out, "disabled");
    }
    f.acls().forEach(a -> acl(a, out));
    for (Bind b : f.binds()) {
      List<String> w = new ArrayList<>(List.of("bind", b.address().toString()));
      if (b.name() != null) {
        w.addAll(List.of("name", b.name()));
      }
      if (b.maxconn() > 0) {
        w.addAll(List.of("maxconn", Integer.toString(b.maxconn())));
      }
      if (b.backlog() > 0) {
        w.addAll(List.of("backlog", Integer.toString(b.backlog())));
      }
      b.options().forEach(o -> {
        w.add(o.keyword());
        w.addAll(o.args());
      });
      line(out, w);
    }
    if (f.maxconn() > 0) {
      line(out, "maxconn", Integer.toString(f.maxconn()));
    }
    timeouts(f.timeouts(), out);
    connection(f.connectionMode(), f.forwardFor(), out);
    log(f.log(), out);
    for (Capture c : f.captures()) {
      String what = switch (c.kind()) {
        case COOKIE -> "cookie";
        case REQUEST_HEADER -> "request header";
        case RESPONSE_HEADER -> "response header";
      };
      List<String> w = new ArrayList<>(List.of("capture"));
      w.addAll(List.of(what.split(" ")));
      w.addAll(List.of(c.name(), "len", Integer.toString(c.length())));
      line(out, w);
    }
    if (f.monitorUri() != null) {
      line(out, "monitor-uri", f.monitorUri());
    }
    stats(f.stats(), out);
    errorFiles(f.errorFiles(), out);
    options(f.options(), out);
    rules("http-request", f.httpRequestRules(), out);
    rules("http-response", f.httpResponseRules(), out);
    for (BackendRule r : f.backendRules()) {
      line(out, ConfigWords.withCondition(List.of("use_backend", r.backend()), r.condition()));
    }
    if (f.defaultBackend() != null) {
      line(out, "default_backend", f.defaultBackend());
    }
    f.extras().forEach(s -> setting(out, s));
  }

  private static void backend(Backend b, StringBuilder out) {
    out.append("backend ").append(b.name()).append('\n');
    line(out, "mode", b.mode().keyword());
    if (b.disabled()) {
      line(out, "disabled");
    }
    b.acls().forEach(a -> acl(a, out));
    line(out, words("balance", words(b.balance().algorithm(), b.balance().args())));
    HashSpec h = b.balance().hash();
    if (!h.equals(HashSpec.DEFAULT)) {
      List<String> w = new ArrayList<>(List.of("hash-type", h.method(), h.function()));
      if (h.modifier() != null) {
        w.add(h.modifier());
      }
      line(out, w);
    }
    healthCheck(b.healthCheck(), out);
    timeouts(b.timeouts(), out);
    line(out, "retries", Integer.toString(b.retries()));
    if (!b.retryOn().isEmpty()) {
      line(out, words("retry-on", b.retryOn()));
    }
    if (b.redispatch()) {
      line(out, "option", "redispatch");
    }
    connection(b.connectionMode(), b.forwardFor(), out);
    if (b.fullconn() > 0) {
      line(out, "fullconn", Integer.toString(b.fullconn()));
    }
    if (b.cookie() != null) {
      line(out, words("cookie", words(b.cookie().name(), b.cookie().options())));
    }
    if (b.httpReuse() != null) {
      line(out, "http-reuse", b.httpReuse());
    }
    log(b.log(), out);
    stats(b.stats(), out);
    errorFiles(b.errorFiles(), out);
    options(b.options(), out);
    rules("http-request", b.httpRequestRules(), out);
    rules("http-response", b.httpResponseRules(), out);
    b.servers().forEach(s -> line(out, ConfigWords.server(s)));
    for (ServerRule r : b.serverRules()) {
      line(out, ConfigWords.withCondition(List.of("use-server", r.server()), r.condition()));
    }
    b.extras().forEach(s -> setting(out, s));
  }

  private static void healthCheck(HealthCheckSpec hc, StringBuilder out) {
    if (hc.kind() == HealthCheckSpec.Kind.HTTP) {
      List<String> w = new ArrayList<>(List.of("option", "httpchk"));
      if (hc.version() != null || !hc.method().equals("OPTIONS")) {
        w.addAll(List.of(hc.method(), hc.uri()));
        if (hc.version() != null) {
          w.add(hc.version());
        }
      } else if (!hc.uri().equals("/")) {
        w.add(hc.uri());
      }
      line(out, w);
    }
    for (Setting s : hc.steps()) {
      if (s.keyword().equals("option")) {
        setting(out, s);
      }
    }
    for (HttpCheckExpect e : hc.expects()) {
      List<String> w = new ArrayList<>(List.of("http-check", "expect"));
      if (e.negated()) {
        w.add("!");
      }
      w.addAll(List.of(e.matcher(), e.pattern()));
      line(out, w);
    }
    for (Setting s : hc.steps()) {
      if (!s.keyword().equals("option")) {
        setting(out, s);
      }
    }
  }

  private static void timeouts(Timeouts t, StringBuilder out) {
    for (Map.Entry<TimeoutKind, Duration> e : t.values().entrySet()) {
      line(out, "timeout", e.getKey().keyword(), ms(e.getValue()));
    }
  }

  private static void connection(HttpConnectionMode mode, @Nullable ForwardFor ff, StringBuilder out) {
    if (mode != HttpConnectionMode.KEEP_ALIVE) {
      line(out, "option", mode.option());
    }
    if (ff != null) {
      List<String> w = new ArrayList<>(List.of("option", "forwardfor"));
      if (ff.except() != null) {
        w.addAll(List.of("except", ff.except().toString()));
      }
      if (!ff.header().equals(ForwardFor.DEFAULT_HEADER)) {
        w.addAll(List.of("header", ff.header()));
      }
      if (ff.ifNone()) {
        w.add("if-none");
      }
      line(out, w);
    }
  }

  private static void log(LogSettings log, StringBuilder out) {
    for (LogTarget t : log.targets()) {
      line(out, t.isGlobal() ? List.of("log", "global") : words("log", words(t.address(), t.args())));
    }
    if (log.style() == LogStyle.HTTPLOG) {
      line(out, "option", "httplog");
    } else if (log.style() == LogStyle.TCPLOG) {
      line(out, "option", "tcplog");
    } else if (log.style() == LogStyle.CUSTOM && log.format() != null) {
      line(out, "log-format", log.format());
    }
    if (log.dontLogNull()) {
      line(out, "option", "dontlognull");
    }
    if (log.logHealthChecks()) {
      line(out, "option", "log-health-checks");
    }
  }

  private static void stats(StatsSpec s, StringBuilder out) {
    if (!s.enabled()) {
      s.other().forEach(o -> setting(out, o));
      return;
    }
    line(out, "stats", "enable");
    if (!s.uri().equals(StatsSpec.DEFAULT_URI)) {
      line(out, "stats", "uri", s.uri());
    }
    s.auth().forEach(a -> line(out, "stats", "auth", a));
    if (s.realm() != null) {
      line(out, "stats", "realm", s.realm());
    }
    if (s.refresh() != null) {
      line(out, "stats", "refresh", ms(s.refresh()));
    }
    if (s.hideVersion()) {
      line(out, "stats", "hide-version");
    }
    s.other().forEach(o -> setting(out, o));
    if (s.admin() != null) {
      line(out, ConfigWords.withCondition(List.of("stats", "admin"), s.admin()));
    }
  }

  private static void errorFiles(Map<Integer, String> files, StringBuilder out) {
    files.forEach((code, file) -> line(out, "errorfile", Integer.toString(code), file));
  }

  private static void options(Map<String, Boolean> options, StringBuilder out) {
    options.forEach((name, on) -> line(out, on ? List.of("option", name) : List.of("no", "option", name)));
  }



  private static void acl(Acl a, StringBuilder out) {
    line(out, words("acl", words(a.name(), ConfigWords.aclBody(a))));
  }

  private static void rules(String keyword, List<HttpRule> rules, StringBuilder out) {
    for (HttpRule r : rules) {
      line(out, ConfigWords.withCondition(words(keyword, HttpActionWords.of(r.action())), r.condition()));
    }
  }




}
