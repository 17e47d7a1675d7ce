package io.hakit.config.haproxy;

import java.util.List;
import java.util.Set;

/**
 * {@code tcp-request}, {@code tcp-response} and {@code stick-table}: HAKit keeps them as written
 * (with its warning) but checks their structure as HAProxy 2.6 does, so that a typo is an error
 * here too: the rule set, the action name (from {@code haproxy -dKcfg}; a trailing {@code *} takes
 * glued arguments), the inspect delay, the stick table type.
 */
final class TcpRuleKeywords {
  private static final Set<String> ACTIONS = Set.of("accept", "reject", "close", "capture", "do-resolve*",
      "expect-proxy", "expect-netscaler-cip", "ot-group", "sc-inc-gpc*", "send-spoe-group", "sc-set-gpt*",
      "set-dst", "set-dst-port", "set-log-level", "set-mark", "set-nice", "set-priority-class",
      "set-priority-offset", "set-src", "set-src-port", "set-tos", "set-var*", "set-var-fmt*", "silent-drop",
      "switch-mode", "track-sc*", "unset-var*", "use-service");
  private static final Set<String> TABLE_TYPES = Set.of("ip", "ipv6", "integer", "string", "binary");

  private TcpRuleKeywords() {}

  static List<ProxyKeyword> keywords() {
    int named = Cap.NAMED_DEFAULTS_ONLY;
    return List.of(
        ProxyKeyword.of("tcp-request", Cap.DFB | named, (ctx, st) -> rule(ctx, st, Set.of("connection", "session",
            "content"))),
        ProxyKeyword.of("tcp-response", Cap.DB | named | Cap.FAIL_IF_NOT_CAP, (ctx, st) -> rule(ctx, st,
            Set.of("content"))),
        ProxyKeyword.of("stick-table", Cap.FB, TcpRuleKeywords::stickTable));
  }

  private static void rule(ProxyContext ctx, Statement st, Set<String> rulesets) {
    String kw = st.keyword();
    String sub = st.word(1);
    if (sub.equals("inspect-delay")) {
      try {
        Values.time(st.word(2), kw + " inspect-delay", false);
      } catch (LineError e) {
        ctx.error(e.getMessage());
        return;
      }
    } else if (!rulesets.contains(sub)) {
      ctx.error("'" + kw + "' expects 'inspect-delay', " + String.join(", ", rulesets.stream().sorted()
          .map(s -> "'" + s + "'").toList()) + " in " + ctx.proxyLabel() + " (got '" + sub + "')");
      return;
    } else if (!knownAction(st.word(2))) {
      ctx.error("'" + kw + " " + sub + "' unknown action '" + st.word(2) + "'"
          + Suggestions.hint(st.word(2), ACTIONS.stream().map(a -> a.replace("*", "")).toList()) + ".");
      return;
    }
    ctx.keep(st);
  }

  private static boolean knownAction(String action) {
    if (ACTIONS.contains(action) || action.startsWith("lua.")) {
      return true;
    }
    for (String a : ACTIONS) {
      if (a.endsWith("*") && action.startsWith(a.substring(0, a.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private static void stickTable(ProxyContext ctx, Statement st) {
    int type = st.words().indexOf("type");
    if (type < 0 || !TABLE_TYPES.contains(st.word(type + 1))) {
      ctx.error("stick-table: " + (type < 0 ? "missing type" : "unknown type '" + st.word(type + 1) + "'")
          + " (expected: type ip, ipv6, integer, string or binary).");
      return;
    }
    ctx.keep(st);
  }
}
