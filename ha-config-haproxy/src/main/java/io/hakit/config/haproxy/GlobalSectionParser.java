package io.hakit.config.haproxy;

import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Setting;
import java.util.Map;
import java.util.Set;

/**
 * The {@code global} section: {@code log}, {@code maxconn}, {@code nbthread}, {@code stats socket},
 * {@code tune.*} and the process directives are typed; every other 2.6 global keyword is kept as
 * written with HAKit's warning; directives a JVM cannot honour the way HAProxy does (chroot,
 * user/group, daemon, ...) are kept and reported once each; {@code setenv} and friends change the
 * variables of the following lines, as in HAProxy.
 */
final class GlobalSectionParser {
  private static final Set<String> KNOWN = KeywordList.load("global-keywords.txt");
  /** Directives HAProxy applies to its own process that a JVM library cannot apply the same way
   * ({@code nbthread} is not one: the proxy runs that many event loops). */
  private static final Set<String> INAPPLICABLE = Set.of("chroot", "user", "group", "uid", "gid", "daemon",
      "master-worker", "cpu-map", "ulimit-n", "pidfile", "unix-bind", "setenv", "presetenv", "resetenv",
      "unsetenv", "insecure-fork-wanted", "insecure-setuid-wanted", "set-dumpable");
  /** Kept as written (a Setting in other()) and applied by the proxy, so without the "ignored" warning:
   * ha-proxy's TCP splicing reads them. */
  private static final Set<String> APPLIED_BY_PROXY = Set.of("nosplice", "maxpipes");
  private static final Set<String> MODIFIABLE =
      Set.of("busy-polling", "set-dumpable", "strict-limits", "insecure-fork-wanted", "numa-cpu-mapping");
  private static final Map<String, String> REMOVED = Map.of(
      "nbproc", "nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on"
          + " multi-processor machines if available.",
      "tune.chksize", "option 'tune.chksize' is not supported any more (tune.bufsize is used instead).");

  private GlobalSectionParser() {}

  static boolean acceptsModifier(String keyword) {
    return MODIFIABLE.contains(keyword);
  }

  static void parse(GlobalDraft g, Statement st, String modifier, Diagnostics diag, Variables vars) {
    String kw = st.keyword();
    if (kw.equals("log") && modifier.equals("no")) {
      g.settings.other(setting(st, modifier));
      return;
    }
    if (modifier.equals("default")) {
      diag.error(st.origin(), "'default' is not supported for '" + kw + "' in the 'global' section.");
      return;
    }
    String problem = GlobalValues.check(st);
    if (problem != null) {
      diag.error(st.origin(), problem);
      return;
    }
    if (REMOVED.containsKey(kw)) {
      diag.error(st.origin(), REMOVED.get(kw));
      return;
    }
    if (!KNOWN.contains(kw)) {
      diag.error(st.origin(), "unknown keyword '" + kw + "' in 'global' section" + Suggestions.hint(kw, KNOWN));
      return;
    }
    if (INAPPLICABLE.contains(kw) && g.warnedInapplicable.add(kw)) {
      diag.warning(st.origin(), "'" + kw + "' is applied by HAProxy to its own process; HAKit keeps it in the"
          + " model but a JVM does not apply it (reported once).");
    }
    var b = g.settings;
    switch (kw) {
      case "log" -> {
        LogTarget t = LogLine.parse(st, false, diag);
        if (t != null) {
          b.log(t);
        }
      }
      case "maxconn" -> {
        if (needsArg(st, diag)) {
          b.maxconn(Math.max(0, Values.atoi(st.word(1))));
        }
      }
      case "nbthread" -> {
        Integer n = Values.strictInt(st.word(1));
        if (n == null || n < 1 || n > 64) {
          diag.error(st.origin(), "'nbthread' value must be between 1 and 64 (was " + st.word(1) + ")");
          return;
        }
        b.nbthread(n);
      }
      case "chroot" -> {
        if (needsArg(st, diag)) {
          b.chroot(st.word(1));
        }
      }
      case "pidfile" -> {
        if (needsArg(st, diag)) {
          b.pidfile(st.word(1));
        }
      }
      case "user" -> {
        if (needsArg(st, diag)) {
          b.user(st.word(1));
        }
      }
      case "group" -> {
        if (needsArg(st, diag)) {
          b.group(st.word(1));
        }
      }
      case "daemon" -> {
        if (st.size() > 1) {
          diag.error(st.origin(), "'daemon' cannot handle unexpected argument '" + st.word(1) + "'.");
          return;
        }
        b.daemon(true);
      }
      case "stats" -> stats(b, st, diag);
      case "setenv", "presetenv", "resetenv", "unsetenv" -> {
        vars.apply(kw, st.from(1));
        b.other(setting(st, modifier));
      }
      default -> {
        if (kw.equals("master-worker")) {
          g.masterWorker = true;
        }
        if (kw.equals("ssl-server-verify")) {
          g.serverVerifyNone = st.word(1).equals("none");
        }
        if (kw.startsWith("tune.") && st.size() == 2) {
          b.tune(kw, st.word(1));
          return;
        }
        b.other(setting(st, modifier));
        if (!INAPPLICABLE.contains(kw) && !APPLIED_BY_PROXY.contains(kw)) {
          diag.warning(st.origin(), "'" + kw + "' is supported by HAProxy, ignored by HAKit.");
        }
      }
    }
  }

  private static Setting setting(Statement st, String modifier) {
    return new Setting(modifier.isEmpty() ? st.keyword() : modifier + " " + st.keyword(), st.from(1), st.origin());
  }

  private static boolean needsArg(Statement st, Diagnostics diag) {
    if (st.word(1).isEmpty()) {
      diag.error(st.origin(), "'" + st.keyword() + "' expects an argument.");
      return false;
    }
    if (st.size() > 2) {
      diag.error(st.origin(), "'" + st.keyword() + "' cannot handle unexpected argument '" + st.word(2) + "'.");
      return false;
    }
    return true;
  }

  private static void stats(io.hakit.core.model.GlobalSettings.Builder b, Statement st, Diagnostics diag) {
    switch (st.word(1)) {
      case "socket" -> {
        if (st.word(2).isEmpty()) {
          diag.error(st.origin(), "'stats socket' requires a path or an address.");
          return;
        }
        int level = st.words().indexOf("level");
        if (level > 0 && !Set.of("user", "operator", "admin").contains(st.word(level + 1))) {
          diag.error(st.origin(), "'stats socket' : 'level' only supports 'user', 'operator', and 'admin' (got '"
              + st.word(level + 1) + "').");
          return;
        }
        if (BindKeyword.read(st.word(2), st.from(3), st.origin(), "section 'global'", diag) != null) {
          b.statsSocket(new Setting("stats", st.from(1), st.origin()));
        }
      }
      case "timeout", "maxconn", "bind-process" -> {
        if (st.word(2).isEmpty()) {
          diag.error(st.origin(), "'stats " + st.word(1) + "' expects an argument.");
          return;
        }
        b.other(new Setting("stats", st.from(1), st.origin()));
      }
      default -> diag.error(st.origin(), "'stats' only supports 'socket', 'maxconn', 'bind-process' and 'timeout'"
          + " (got '" + st.word(1) + "').");
    }
  }
}
