package io.hakit.config.haproxy;

import io.hakit.core.model.BackendRule;
import io.hakit.core.model.Capture;
import io.hakit.core.model.Condition;
import io.hakit.core.model.CookieSpec;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ServerRule;
import java.util.List;
import java.util.Set;

/** The proxy keywords HAKit models that need no table of their own: mode, limits, switching, cookies, captures. */
final class CoreProxyKeywords {
  private static final Set<String> RETRY_ON = Set.of("none", "conn-failure", "empty-response", "junk-response",
      "response-timeout", "0rtt-rejected", "all-retryable-errors", "401", "403", "404", "408", "425", "500", "501",
      "502", "503", "504");
  private static final Set<String> HTTP_REUSE = Set.of("never", "safe", "aggressive", "always");

  private CoreProxyKeywords() {}

  static List<ProxyKeyword> keywords() {
    return List.of(
        ProxyKeyword.of("mode", Cap.DFB, CoreProxyKeywords::mode),
        ProxyKeyword.of("maxconn", Cap.DF, CoreProxyKeywords::maxconn),
        ProxyKeyword.of("fullconn", Cap.DB, CoreProxyKeywords::fullconn),
        ProxyKeyword.of("retries", Cap.DB, CoreProxyKeywords::retries),
        ProxyKeyword.of("retry-on", Cap.DB, CoreProxyKeywords::retryOn),
        ProxyKeyword.of("default_backend", Cap.DF, CoreProxyKeywords::defaultBackend),
        ProxyKeyword.of("use_backend", Cap.F, CoreProxyKeywords::useBackend),
        ProxyKeyword.of("use-server", Cap.B, CoreProxyKeywords::useServer),
        ProxyKeyword.of("monitor-uri", Cap.DF, CoreProxyKeywords::monitorUri),
        ProxyKeyword.of("disabled", Cap.DFB, (ctx, st) -> flag(ctx, st, true)),
        ProxyKeyword.of("enabled", Cap.DFB, (ctx, st) -> flag(ctx, st, false)),
        ProxyKeyword.of("errorfile", Cap.DFB, CoreProxyKeywords::errorfile),
        ProxyKeyword.of("cookie", Cap.DB, CoreProxyKeywords::cookie),
        ProxyKeyword.of("http-reuse", Cap.DB, CoreProxyKeywords::httpReuse),
        ProxyKeyword.of("capture", Cap.F, CoreProxyKeywords::capture),
        ProxyKeyword.of("log-format", Cap.DF, CoreProxyKeywords::logFormat),
        ProxyKeyword.of("acl", Cap.DFB | Cap.NAMED_DEFAULTS_ONLY, AclParser::parseLine));
  }

  private static boolean tooMany(ProxyContext ctx, Statement st, int max) {
    if (st.size() > max + 1) {
      ctx.error("'" + st.keyword() + "' cannot handle unexpected argument '" + st.word(max + 1) + "'.");
      return true;
    }
    return false;
  }

  private static void mode(ProxyContext ctx, Statement st) {
    switch (st.word(1)) {
      case "http" -> ctx.draft.mode = Mode.HTTP;
      case "tcp" -> ctx.draft.mode = Mode.TCP;
      case "health" -> ctx.error("'mode health' doesn't exist anymore. Please use 'http-request return status 200'"
          + " instead.");
      default -> ctx.error("unknown proxy mode '" + st.word(1) + "'.");
    }
  }

  private static void maxconn(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'maxconn' expects an integer argument.");
      return;
    }
    if (!tooMany(ctx, st, 1)) {
      ctx.draft.maxconn = Math.max(0, Values.atoi(st.word(1)));
    }
  }

  private static void fullconn(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'fullconn' expects an integer argument.");
      return;
    }
    if (!tooMany(ctx, st, 1)) {
      ctx.draft.fullconn = Math.max(0, Values.atoi(st.word(1)));
    }
  }

  private static void retries(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'retries' expects an integer argument.");
      return;
    }
    if (!tooMany(ctx, st, 1)) {
      ctx.draft.retries = Math.max(0, Values.atoi(st.word(1)));
    }
  }

  private static void retryOn(ProxyContext ctx, Statement st) {
    if (st.size() < 2) {
      ctx.error("'retry-on' expects at least one keyword.");
      return;
    }
    for (String w : st.from(1)) {
      if (!RETRY_ON.contains(w)) {
        ctx.error("'retry-on' : unknown keyword '" + w + "'" + Suggestions.hint(w, RETRY_ON) + ".");
        return;
      }
    }
    ctx.draft.retryOn = List.copyOf(st.from(1));
  }

  private static void defaultBackend(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'default_backend' expects a backend name.");
      return;
    }
    if (!tooMany(ctx, st, 1)) {
      ctx.draft.defaultBackend = st.word(1);
      ctx.draft.defaultBackendOrigin = ctx.origin;
    }
  }

  private static void useBackend(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'use_backend' requires a backend name.");
      return;
    }
    String problem = st.word(1).contains("%") ? LogFormats.check(st.word(1)) : null;
    if (problem != null) {
      ctx.error("'use_backend' : " + problem);
      return;
    }
    Condition cond = null;
    if (st.size() > 2) {
      if (!ConditionParser.isConditionStart(st.word(2))) {
        ctx.error("'use_backend' expects 'if' or 'unless' followed by a condition but found '" + st.word(2) + "'.");
        return;
      }
      cond = ConditionParser.parse(ctx, st.words(), 2, "switching rule");
      if (cond == null) {
        return;
      }
    }
    ctx.draft.backendRules.add(new BackendRule(st.word(1), cond, ctx.origin));
  }

  private static void useServer(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'use-server' requires a server name.");
      return;
    }
    if (st.size() < 3 || !ConditionParser.isConditionStart(st.word(2))) {
      ctx.error("'use-server' requires either 'if' or 'unless' followed by a condition.");
      return;
    }
    Condition cond = ConditionParser.parse(ctx, st.words(), 2, "'use-server' rule");
    if (cond != null) {
      ctx.draft.serverRules.add(new ServerRule(st.word(1), cond, ctx.origin));
    }
  }

  private static void monitorUri(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'monitor-uri' expects an URI.");
      return;
    }
    if (!tooMany(ctx, st, 1)) {
      ctx.draft.monitorUri = st.word(1);
    }
  }

  private static void flag(ProxyContext ctx, Statement st, boolean disabled) {
    if (!tooMany(ctx, st, 0)) {
      ctx.draft.disabled = disabled;
    }
  }

  private static void errorfile(ProxyContext ctx, Statement st) {
    if (st.size() < 3) {
      ctx.error("errorfile : expects <status_code> and <file> as arguments.");
      return;
    }
    Integer status = Values.strictInt(st.word(1));
    if (status == null || !Set.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504)
        .contains(status)) {
      ctx.error("status code '" + st.word(1) + "' not handled.");
      return;
    }
    String problem = ErrorFiles.check(ctx.baseDir.resolve(st.word(2)));
    if (problem != null) {
      ctx.error("errorfile : '" + st.word(2) + "': " + problem);
      return;
    }
    ctx.draft.errorFiles.put(status, st.word(2));
  }

  private static void cookie(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'cookie' expects <cookie_name> as argument.");
      return;
    }
    String problem = CookieOptions.check(st.from(2), ctx::warning);
    if (problem != null) {
      ctx.error(problem);
      return;
    }
    ctx.draft.cookie = new CookieSpec(st.word(1), st.from(2), ctx.origin);
  }

  private static void httpReuse(ProxyContext ctx, Statement st) {
    if (!HTTP_REUSE.contains(st.word(1))) {
      ctx.error("'http-reuse' only supports 'never', 'safe', 'aggressive', 'always'");
      return;
    }
    if (!tooMany(ctx, st, 1)) {
      ctx.draft.httpReuse = st.word(1);
    }
  }

  private static void capture(ProxyContext ctx, Statement st) {
    Capture.Kind kind;
    int nameAt;
    if (st.word(1).equals("cookie")) {
      kind = Capture.Kind.COOKIE;
      nameAt = 2;
    } else if (st.word(1).equals("request") && st.word(2).equals("header")) {
      kind = Capture.Kind.REQUEST_HEADER;
      nameAt = 3;
    } else if (st.word(1).equals("response") && st.word(2).equals("header")) {
      kind = Capture.Kind.RESPONSE_HEADER;
      nameAt = 3;
    } else {
      ctx.error("'capture' expects 'cookie' or 'request header' or 'response header'.");
      return;
    }
    if (st.word(nameAt).isEmpty() || !st.word(nameAt + 1).equals("len") || st.word(nameAt + 2).isEmpty()) {
      ctx.error("'capture " + st.word(1) + "' expects <name> 'len' <len>.");
      return;
    }
    int len = Values.atoi(st.word(nameAt + 2));
    if (len == 0) {
      ctx.draft.frontendExtras.add(new io.hakit.core.model.Setting("capture", st.from(1), ctx.origin));
      ctx.warning("'capture " + st.word(1) + "' with len 0 captures nothing; HAKit keeps it as written.");
      return;
    }
    if (len < 1 || len > 65535) {
      ctx.error("'capture " + st.word(1) + "': len must be between 1 and 65535 (was " + st.word(nameAt + 2) + ").");
      return;
    }
    ctx.draft.captures.add(new Capture(kind, st.word(nameAt), len, ctx.origin));
  }

  private static void logFormat(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'log-format' expects a format string as argument.");
      return;
    }
    if (tooMany(ctx, st, 1)) {
      return;
    }
    String problem = LogFormats.check(st.word(1));
    if (problem != null) {
      ctx.error("failed to parse log-format : " + problem);
      return;
    }
    ctx.draft.logStyle = LogStyle.CUSTOM;
    ctx.draft.logFormat = st.word(1);
    ctx.draft.logFormatOrigin = ctx.origin;
  }
}
