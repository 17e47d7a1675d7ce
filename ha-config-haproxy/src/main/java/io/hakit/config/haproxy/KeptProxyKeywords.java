package io.hakit.config.haproxy;

import java.util.List;

/**
 * Proxy keywords HAProxy 2.6 accepts that HAKit does not run yet: kept as written in the model's
 * extras with a "supported by HAProxy, ignored by HAKit" warning, never silently dropped. The
 * capability masks follow the matrix of HAPROXY-CFG-DIALECT.md 6.5 (no {@code D} = fatal in
 * defaults, as in HAProxy).
 */
final class KeptProxyKeywords {
  private KeptProxyKeywords() {}

  static List<ProxyKeyword> keywords() {
    int named = Cap.NAMED_DEFAULTS_ONLY;
    return List.of(
        ProxyKeyword.kept("backlog", Cap.DF),
        ProxyKeyword.kept("clitcpka-cnt", Cap.DF), ProxyKeyword.kept("clitcpka-idle", Cap.DF),
        ProxyKeyword.kept("clitcpka-intvl", Cap.DF),
        ProxyKeyword.kept("compression", Cap.DFB),
        ProxyKeyword.kept("declare", Cap.F),
        ProxyKeyword.kept("description", Cap.FB),
        ProxyKeyword.kept("dispatch", Cap.B),
        ProxyKeyword.kept("dynamic-cookie-key", Cap.DB),
        ProxyKeyword.kept("email-alert", Cap.DFB),
        ProxyKeyword.kept("error-log-format", Cap.DF),
        ProxyKeyword.kept("errorfiles", Cap.DFB),
        ProxyKeyword.kept("errorloc", Cap.DFB), ProxyKeyword.kept("errorloc302", Cap.DFB),
        ProxyKeyword.kept("errorloc303", Cap.DFB),
        ProxyKeyword.kept("external-check", Cap.DB),
        ProxyKeyword.kept("filter", Cap.FB),
        ProxyKeyword.kept("force-persist", Cap.B),
        ProxyKeyword.kept("http-after-response", Cap.DFB | named),
        ProxyKeyword.kept("http-error", Cap.DFB),
        ProxyKeyword.kept("http-send-name-header", Cap.B),
        ProxyKeyword.kept("id", Cap.FB),
        ProxyKeyword.kept("ignore-persist", Cap.B),
        ProxyKeyword.kept("load-server-state-from-file", Cap.DB),
        ProxyKeyword.kept("log-format-sd", Cap.DF),
        ProxyKeyword.kept("log-tag", Cap.DFB),
        ProxyKeyword.kept("max-keep-alive-queue", Cap.DB),
        ProxyKeyword.kept("max-session-srv-conns", Cap.DF),
        ProxyKeyword.kept("monitor", Cap.F),
        ProxyKeyword.kept("persist", Cap.DB),
        ProxyKeyword.kept("rate-limit", Cap.DF),
        ProxyKeyword.kept("redirect", Cap.FB),
        ProxyKeyword.kept("server-state-file-name", Cap.DB),
        ProxyKeyword.kept("server-template", Cap.B | Cap.FAIL_IF_NOT_CAP),
        ProxyKeyword.kept("source", Cap.DB),
        ProxyKeyword.kept("srvtcpka-cnt", Cap.DB), ProxyKeyword.kept("srvtcpka-idle", Cap.DB),
        ProxyKeyword.kept("srvtcpka-intvl", Cap.DB),
        ProxyKeyword.kept("stick", Cap.B),
        ProxyKeyword.kept("tcp-check", Cap.DB),
        // Run by ha-proxy's access log (read from the frontend's extras): no warning.
        ProxyKeyword.of("unique-id-format", Cap.DF, KeptProxyKeywords::uniqueIdFormat),
        ProxyKeyword.extra("unique-id-header", Cap.DF),
        ProxyKeyword.kept("use-fcgi-app", Cap.B));
  }

  /** Checked as HAProxy checks it (after parsing, at the statement's line), then kept in the extras. */
  private static void uniqueIdFormat(ProxyContext ctx, Statement st) {
    if (st.size() < 2) {
      ctx.error("'unique-id-format' expects an argument.");
      return;
    }
    String problem = LogFormats.check(st.word(1));
    if (problem != null) {
      ctx.error("failed to parse unique-id : " + problem);
      return;
    }
    ctx.addExtras(st);
  }
}
