package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.Setting;
import io.hakit.core.net.Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code [no|default] option <name> [args]} (HAPROXY-CFG-DIALECT.md 6.7): one table of flag options
 * with their capabilities (from {@code haproxy -dKcfg}), and the options with arguments or a typed
 * place in the model. Adding an option is one entry.
 */
final class OptionKeywords {
  /** Options with arguments or a typed model field: name to handler. */
  @FunctionalInterface
  interface OptionHandler {
    void parse(ProxyContext ctx, Statement st);
  }

  /** Plain on/off options and their capability mask; they land in the model's options maps. */
  static final Map<String, Integer> FLAGS = Map.ofEntries(
      Map.entry("abortonclose", Cap.B), Map.entry("accept-invalid-http-request", Cap.F),
      Map.entry("accept-invalid-http-response", Cap.B), Map.entry("allbackups", Cap.B),
      Map.entry("checkcache", Cap.B), Map.entry("clitcpka", Cap.F), Map.entry("contstats", Cap.F),
      Map.entry("disable-h2-upgrade", Cap.F), Map.entry("dontlog-normal", Cap.F),
      Map.entry("h1-case-adjust-bogus-client", Cap.F), Map.entry("h1-case-adjust-bogus-server", Cap.B),
      Map.entry("http-buffer-request", Cap.FB), Map.entry("http-ignore-probes", Cap.F),
      Map.entry("http-no-delay", Cap.FB), Map.entry("http-pretend-keepalive", Cap.B),
      Map.entry("http-use-proxy-header", Cap.F), Map.entry("idle-close-on-response", Cap.F),
      Map.entry("independent-streams", Cap.FB), Map.entry("log-separate-errors", Cap.F),
      Map.entry("logasap", Cap.F), Map.entry("nolinger", Cap.FB), Map.entry("persist", Cap.B),
      Map.entry("prefer-last-server", Cap.B), Map.entry("socket-stats", Cap.F), Map.entry("splice-auto", Cap.FB),
      Map.entry("splice-request", Cap.FB), Map.entry("splice-response", Cap.FB), Map.entry("srvtcpka", Cap.B),
      Map.entry("tcp-smart-accept", Cap.F), Map.entry("tcp-smart-connect", Cap.B), Map.entry("transparent", Cap.B));

  private static final Map<String, String> REMOVED = Map.of(
      "forceclose", "option 'forceclose' is not supported any more since HAProxy 2.0, please just remove it, or"
          + " use 'option httpclose' if absolutely needed.",
      "http-tunnel", "option 'http-tunnel' is not supported any more since HAProxy 2.1, please just remove it, it"
          + " shouldn't be needed.",
      "http_proxy", "option 'http_proxy' is no longer supported since HAProxy 2.5. Please use 'http-request"
          + " set-uri' and 'http-request set-dst' instead.");

  /** Typed options that take no argument and, like plain flags, accept {@code no}. */
  private static final java.util.Set<String> CONNECTION_AND_FLAG_SPECIALS = java.util.Set.of("dontlognull",
      "log-health-checks", "http-keep-alive", "http-server-close", "httpclose");
  private static final Map<String, OptionHandler> SPECIAL = new HashMap<>();
  private static final Map<String, Integer> SPECIAL_CAPS = new HashMap<>();

  static {
    special("httplog", Cap.FB, (ctx, st) -> logStyle(ctx, st, LogStyle.HTTPLOG, "clf"));
    special("tcplog", Cap.FB, (ctx, st) -> logStyle(ctx, st, LogStyle.TCPLOG, ""));
    special("dontlognull", Cap.F, (ctx, st) -> {
      if (noArgument(ctx, st)) {
        ctx.draft.dontLogNull = on(ctx);
      }
    });
    special("log-health-checks", Cap.B, (ctx, st) -> {
      if (noArgument(ctx, st)) {
        ctx.draft.logHealthChecks = on(ctx);
      }
    });
    special("http-keep-alive", Cap.FB, (ctx, st) -> connectionMode(ctx, st, HttpConnectionMode.KEEP_ALIVE));
    special("http-server-close", Cap.FB, (ctx, st) -> connectionMode(ctx, st, HttpConnectionMode.SERVER_CLOSE));
    special("httpclose", Cap.FB, (ctx, st) -> connectionMode(ctx, st, HttpConnectionMode.CLOSE));
    special("forwardfor", Cap.FB, OptionKeywords::forwardFor);
    special("redispatch", Cap.B, OptionKeywords::redispatch);
    special("httpchk", Cap.B, OptionKeywords::httpchk);
    for (String check : List.of("ssl-hello-chk", "smtpchk", "ldap-check", "mysql-check", "pgsql-check",
        "redis-check", "spop-check", "tcp-check", "external-check")) {
      special(check, Cap.B, OptionKeywords::otherCheck);
    }
    for (String kept : List.of("httpslog", "tcpka", "originalto", "http-restrict-req-hdr-names")) {
      special(kept, Cap.FB, OptionKeywords::keptOption);
    }
  }

  private OptionKeywords() {}

  private static void special(String name, int caps, OptionHandler handler) {
    SPECIAL.put(name, handler);
    SPECIAL_CAPS.put(name, caps);
  }

  static List<ProxyKeyword> keywords() {
    return List.of(ProxyKeyword.of("option", Cap.DFB, OptionKeywords::parse));
  }

  /** Whether an options-map entry belongs on a frontend / backend (for the assembler's projection). */
  static boolean flagFor(String name, boolean frontend) {
    Integer caps = FLAGS.get(name);
    return caps != null && (caps & (frontend ? Cap.F : Cap.B)) != 0;
  }

  private static boolean on(ProxyContext ctx) {
    return ctx.modifier.isEmpty();
  }

  private static void parse(ProxyContext ctx, Statement st) {
    String name = st.word(1);
    if (name.isEmpty()) {
      ctx.error("'option' expects an option name.");
      return;
    }
    if (REMOVED.containsKey(name)) {
      ctx.error(REMOVED.get(name));
      return;
    }
    Integer flagCaps = FLAGS.get(name);
    Integer specialCaps = SPECIAL_CAPS.get(name);
    if (flagCaps == null && specialCaps == null) {
      TreeSet<String> known = new TreeSet<>(FLAGS.keySet());
      known.addAll(SPECIAL.keySet());
      ctx.error("unknown option '" + name + "'" + Suggestions.hint(name, known) + ".");
      return;
    }
    int caps = flagCaps != null ? flagCaps : specialCaps;
    ProxyDraft d = ctx.draft;
    if (!d.isDefaults() && !((caps & Cap.F) != 0 && d.type.frontend()) && !((caps & Cap.B) != 0 && d.type.backend())) {
      if (name.equals("httplog") || name.equals("tcplog")) {
        ctx.warning(ctx.proxyLabel() + " : 'option " + name + "' directive is ignored in backends.");
      } else {
        ctx.warning("'" + name + "' ignored because " + ctx.proxyLabel() + " has no "
            + ((caps & Cap.F) != 0 ? "frontend" : "backend") + " capability.");
      }
      return;
    }
    boolean simple = flagCaps != null || CONNECTION_AND_FLAG_SPECIALS.contains(name);
    if (simple && ctx.modifier.equals("default")) {
      // 2.6 shifts the words once more for 'default' and sees the option name as an argument.
      ctx.error("'option " + name + "' cannot handle unexpected argument '" + name + "'.");
      return;
    }
    if (flagCaps != null) {
      if (st.size() > 2) {
        ctx.error("'option " + name + "' cannot handle unexpected argument '" + st.word(2) + "'.");
        return;
      }
      switch (ctx.modifier) {
        case "no" -> d.options.put(name, false);
        case "default" -> d.options.remove(name);
        default -> d.options.put(name, true);
      }
      return;
    }
    SPECIAL.get(name).parse(ctx, st);
  }

  private static boolean noModifier(ProxyContext ctx, String name) {
    if (!ctx.modifier.isEmpty()) {
      ctx.error("negation/default is not supported for option '" + name + "'.");
      return false;
    }
    return true;
  }

  private static void logStyle(ProxyContext ctx, Statement st, LogStyle style, String allowedArg) {
    String name = st.word(1);
    if (!noModifier(ctx, name)) {
      return;
    }
    if (st.size() > 3 || (st.size() == 3 && !st.word(2).equals(allowedArg))) {
      ctx.error("'option " + name + "' cannot handle unexpected argument '" + st.word(st.size() == 3 ? 2 : 3)
          + "'.");
      return;
    }
    if (st.size() == 3) {
      ctx.warning("'option " + name + " clf' is supported by HAProxy, ignored by HAKit (plain " + name + ").");
    }
    ctx.draft.logStyle = style;
    ctx.draft.logFormat = null;
    ctx.draft.logFormatOrigin = Origin.UNKNOWN;
  }

  private static boolean noArgument(ProxyContext ctx, Statement st) {
    if (st.size() > 2) {
      ctx.error("'option " + st.word(1) + "' cannot handle unexpected argument '" + st.word(2) + "'.");
      return false;
    }
    return true;
  }

  private static void connectionMode(ProxyContext ctx, Statement st, HttpConnectionMode mode) {
    if (!noArgument(ctx, st)) {
      return;
    }
    switch (ctx.modifier) {
      case "no", "default" -> {
        if (ctx.draft.connectionMode == mode) {
          ctx.draft.connectionMode = HttpConnectionMode.KEEP_ALIVE;
        }
      }
      default -> ctx.draft.connectionMode = mode;
    }
  }

  private static void forwardFor(ProxyContext ctx, Statement st) {
    if (!noModifier(ctx, "forwardfor")) {
      return;
    }
    Cidr except = null;
    String header = ForwardFor.DEFAULT_HEADER;
    boolean ifNone = false;
    int i = 2;
    while (i < st.size()) {
      String w = st.word(i);
      if (w.equals("except") && !st.word(i + 1).isEmpty()) {
        try {
          except = Cidr.parse(st.word(i + 1));
        } catch (IllegalArgumentException e) {
          ctx.error("'option forwardfor' " + w + " : invalid network '" + st.word(i + 1) + "'.");
          return;
        }
        i += 2;
      } else if (w.equals("header") && !st.word(i + 1).isEmpty()) {
        header = st.word(i + 1);
        i += 2;
      } else if (w.equals("if-none")) {
        ifNone = true;
        i++;
      } else {
        ctx.error("'option forwardfor' only supports optional values: 'except', 'header' and 'if-none'.");
        return;
      }
    }
    ctx.draft.forwardFor = new ForwardFor(except, header, ifNone);
  }

  private static void redispatch(ProxyContext ctx, Statement st) {
    if (st.size() > 3) {
      ctx.error("'option redispatch' cannot handle unexpected argument '" + st.word(3) + "'.");
      return;
    }
    if (st.size() == 3 && ctx.modifier.isEmpty()) {
      ctx.warning("'option redispatch " + st.word(2) + "' (interval) is supported by HAProxy, ignored by HAKit.");
    }
    ctx.draft.redispatch = on(ctx);
  }

  private static void httpchk(ProxyContext ctx, Statement st) {
    if (!noModifier(ctx, "httpchk")) {
      return;
    }
    if (st.size() > 5) {
      ctx.error("'option httpchk' cannot handle unexpected argument '" + st.word(5) + "'.");
      return;
    }
    String method = "OPTIONS";
    String uri = "/";
    String version = null;
    if (st.size() == 3) {
      uri = st.word(2);
    } else if (st.size() >= 4) {
      method = st.word(2);
      uri = st.word(3);
      version = st.size() == 5 ? st.word(4) : null;
    }
    HealthCheckSpec old = ctx.draft.healthCheck;
    ctx.draft.healthCheck = new HealthCheckSpec(HealthCheckSpec.Kind.HTTP, method, uri, version,
        old.kind() == HealthCheckSpec.Kind.HTTP ? old.expects() : List.of(),
        old.kind() == HealthCheckSpec.Kind.HTTP ? old.steps() : List.of(), ctx.origin);
  }

  private static void otherCheck(ProxyContext ctx, Statement st) {
    if (!noModifier(ctx, st.word(1))) {
      return;
    }
    ctx.draft.healthCheck = new HealthCheckSpec(HealthCheckSpec.Kind.OTHER, "OPTIONS", "/", null, List.of(),
        List.of(new Setting("option", st.from(1), ctx.origin)), ctx.origin);
    ctx.ignoredByHakit("'option " + st.word(1) + "'");
  }

  private static void keptOption(ProxyContext ctx, Statement st) {
    if (!noModifier(ctx, st.word(1))) {
      return;
    }
    Setting s = new Setting("option", st.from(1), ctx.origin);
    if (ctx.draft.type.frontend() || ctx.draft.isDefaults()) {
      ctx.draft.frontendExtras.add(s);
    }
    if (ctx.draft.type.backend() || ctx.draft.isDefaults()) {
      ctx.draft.backendExtras.add(s);
    }
    ctx.ignoredByHakit("'option " + st.word(1) + "'");
  }
}
