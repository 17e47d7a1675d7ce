package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.LogTarget;
import java.util.List;
import java.util.Set;

/**
 * {@code log global} and {@code log <target> [len <n>] [format <f>] [sample <r>:<s>] <facility>
 * [<level> [<minlevel>]]} (HAPROXY-CFG-DIALECT.md 6.8), shared by global and proxy sections.
 */
final class LogLine {
  static final Set<String> FACILITIES = Set.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
      "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2", "local3",
      "local4", "local5", "local6", "local7");
  static final Set<String> LEVELS = Set.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");
  private static final Set<String> FORMATS = Set.of("local", "rfc3164", "rfc5424", "priority", "short", "timed",
      "iso", "raw");

  private LogLine() {}

  /** The target, or null after reporting the error; {@code allowGlobal} only in proxies. */
  static LogTarget parse(Statement st, boolean allowGlobal, Diagnostics diag) {
    Origin at = st.origin();
    List<String> w = st.words();
    if (w.size() == 2 && w.get(1).equals("global")) {
      if (!allowGlobal) {
        diag.error(at, "log : expects <address> and <facility>  as arguments");
        return null;
      }
      return new LogTarget("global", List.of(), at);
    }
    if (w.size() < 3) {
      diag.error(at, "log : expects <address> and <facility>  as arguments");
      return null;
    }
    int i = 2;
    while (i + 1 < w.size() && (w.get(i).equals("len") || w.get(i).equals("format") || w.get(i).equals("sample"))) {
      String opt = w.get(i);
      String value = w.get(i + 1);
      if (opt.equals("len") && Values.strictInt(value) == null) {
        diag.error(at, "log : invalid max message length '" + value + "'");
        return null;
      }
      if (opt.equals("format") && !FORMATS.contains(value)) {
        diag.error(at, "log : unknown log format '" + value + "'");
        return null;
      }
      i += 2;
    }
    if (i >= w.size()) {
      diag.error(at, "log : expects <address> and <facility>  as arguments");
      return null;
    }
    String facility = w.get(i);
    if (!FACILITIES.contains(facility)) {
      diag.error(at, "log : unknown log facility '" + facility + "'");
      return null;
    }
    for (int k = i + 1; k < w.size(); k++) {
      if (k > i + 2) {
        diag.error(at, "log : too many arguments.");
        return null;
      }
      if (!LEVELS.contains(w.get(k))) {
        diag.error(at, "log : unknown optional " + (k == i + 1 ? "" : "minimum ") + "log level '" + w.get(k) + "'");
        return null;
      }
    }
    return new LogTarget(w.get(1), st.from(2), at);
  }

  /** The proxy keyword: {@code log ...} adds a target, {@code no log} clears them. */
  static void proxyKeyword(ProxyContext ctx, Statement st) {
    if (ctx.modifier.equals("no")) {
      if (st.size() > 1) {
        ctx.error("'no log' does not expect arguments");
        return;
      }
      ctx.draft.logTargets.clear();
      return;
    }
    LogTarget t = parse(st, true, ctx.diag);
    if (t != null) {
      ctx.draft.logTargets.add(t);
    }
  }
}
