package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.Acl;
import io.hakit.core.model.HttpAction;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Post-parse references HAProxy 2.6 resolves besides backends: stick tables of {@code track-scN}
 * rules, and backends named in the arguments of ACL fetches ({@code nbsrv(be)}, ...).
 */
final class ReferenceChecks {
  private static final Set<String> BACKEND_FETCHES =
      Set.of("nbsrv", "be_conn", "be_conn_free", "be_sess_rate", "avg_queue", "queue", "connslots");

  private ReferenceChecks() {}

  static void check(List<ProxyDraft> proxies, Map<String, ProxyDraft> backends, Diagnostics diag) {
    Map<String, Boolean> tables = new java.util.HashMap<>();
    for (ProxyDraft p : proxies) {
      tables.merge(p.name, hasTable(p), Boolean::logicalOr);
    }
    for (ProxyDraft p : proxies) {
      for (List<HttpRule> rules : List.of(p.httpRequestRules, p.httpResponseRules)) {
        for (HttpRule r : rules) {
          if (r.action() instanceof HttpAction.Other o) {
            track(p, o.keyword(), o.args(), r.origin(), tables, diag);
          }
        }
      }
      for (List<Setting> extras : List.of(p.frontendExtras, p.backendExtras)) {
        for (Setting s : extras) {
          if (s.keyword().equals("tcp-request") && s.args().size() >= 2) {
            track(p, s.args().get(1), s.args().subList(2, s.args().size()), s.origin(), tables, diag);
          }
        }
      }
      for (Acl a : p.acls) {
        String base = FetchNames.baseName(a.fetch());
        if (BACKEND_FETCHES.contains(base) && a.fetch().startsWith(base + "(")) {
          int close = a.fetch().indexOf(')');
          String be = close > 0 ? a.fetch().substring(base.length() + 1, close) : "";
          if (!be.isEmpty() && !backends.containsKey(be)) {
            diag.error(a.origin(), "unable to find backend '" + be + "' referenced in arg 1 of ACL keyword '" + base
                + "' in proxy '" + p.name + "'.");
          }
        }
      }
    }
  }

  private static boolean hasTable(ProxyDraft p) {
    return p.frontendExtras.stream().anyMatch(s -> s.keyword().equals("stick-table"))
        || p.backendExtras.stream().anyMatch(s -> s.keyword().equals("stick-table"));
  }

  private static void track(ProxyDraft p, String action, List<String> args, Origin at, Map<String, Boolean> tables,
      Diagnostics diag) {
    if (!action.startsWith("track-sc")) {
      return;
    }
    int t = args.indexOf("table");
    String table = t >= 0 && t + 1 < args.size() ? args.get(t + 1) : p.name;
    if (!tables.getOrDefault(table, false)) {
      diag.error(at, "Proxy '" + p.name + "': unable to find table '" + table + "' referenced by " + action + ".");
    }
  }
}
