package io.hakit.config.haproxy;

import io.hakit.core.model.Condition;
import io.hakit.core.model.Setting;
import java.util.List;

/**
 * {@code stats enable|uri|auth|realm|refresh|admin|hide-version|...} in proxies: the stats page.
 * {@code stats admin} and {@code stats http-request} are not allowed in defaults.
 */
final class StatsKeyword {
  private StatsKeyword() {}

  static List<ProxyKeyword> keywords() {
    return List.of(ProxyKeyword.of("stats", Cap.DFB, StatsKeyword::parse));
  }

  private static void parse(ProxyContext ctx, Statement st) {
    ProxyDraft.StatsDraft s = ctx.draft.stats;
    String sub = st.word(1);
    switch (sub) {
      case "enable" -> s.enabled = true;
      case "hide-version" -> {
        s.enabled = true;
        s.hideVersion = true;
      }
      case "uri" -> {
        if (st.word(2).isEmpty()) {
          ctx.error("'uri' needs an URI prefix.");
          return;
        }
        s.enabled = true;
        s.uri = st.word(2);
      }
      case "realm" -> {
        if (st.word(2).isEmpty()) {
          ctx.error("'realm' needs an realm name.");
          return;
        }
        s.enabled = true;
        s.realm = st.word(2);
      }
      case "auth" -> {
        if (st.word(2).isEmpty()) {
          ctx.error("'auth' needs a user:password account.");
          return;
        }
        if (st.word(2).indexOf(':') <= 0) {
          // HAProxy 2.6 accepts it (an account no client can match); HAKit keeps it aside.
          s.other.add(new io.hakit.core.model.Setting("stats", st.from(1), ctx.origin));
          ctx.warning("'stats auth " + st.word(2) + "' has no ':password' part; no client can match it.");
          return;
        }
        s.enabled = true;
        s.auth.add(st.word(2));
      }
      case "refresh" -> {
        try {
          Values.Time t = Values.time(st.word(2), "stats refresh", true);
          s.enabled = true;
          s.refresh = t.value().isZero() ? null : t.value();
        } catch (LineError e) {
          ctx.error("'refresh' needs a positive interval in seconds.");
        }
      }
      case "admin" -> {
        if (ctx.draft.isDefaults()) {
          ctx.error("'stats admin' statement not allowed in 'defaults' section.");
          return;
        }
        if (!ConditionParser.isConditionStart(st.word(2))) {
          ctx.error("'stats admin' requires either 'if' or 'unless' followed by a condition.");
          return;
        }
        Condition cond = ConditionParser.parse(ctx, st.words(), 2, "'stats admin' rule");
        if (cond != null) {
          s.enabled = true;
          s.admin = cond;
        }
      }
      case "scope", "show-node", "show-desc", "show-legends", "show-modules", "http-request", "bind-process" -> {
        if (sub.equals("http-request") && ctx.draft.isDefaults()) {
          ctx.error("'stats http-request' not allowed in 'defaults' section.");
          return;
        }
        s.other.add(new Setting("stats", st.from(1), ctx.origin));
        ctx.ignoredByHakit("'stats " + sub + "'");
      }
      case "socket", "timeout", "maxconn" -> ctx.error("'stats " + sub + "' is only allowed in 'global' section");
      default -> ctx.error("unknown stats parameter '" + sub + "', expects 'admin', 'uri', 'realm', 'auth',"
          + " 'scope', 'enable', 'hide-version', 'show-node', 'show-desc' or 'show-legends'.");
    }
  }
}
