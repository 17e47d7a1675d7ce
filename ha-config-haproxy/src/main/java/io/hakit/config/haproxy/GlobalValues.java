package io.hakit.config.haproxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks of the global keywords HAKit keeps as written, as HAProxy 2.6 makes them: times,
 * integers, {@code tune.*} values, environment directives, Lua files, {@code master-worker}.
 */
final class GlobalValues {
  private static final Set<String> TIMES = Set.of("hard-stop-after", "close-spread-time", "grace");
  private static final Set<String> FILES = Set.of("lua-load", "lua-load-per-thread");

  private GlobalValues() {}

  /** HAProxy's complaint about the line's arguments, or null. */
  static @Nullable String check(Statement st) {
    String kw = st.keyword();
    String v = st.word(1);
    if (TIMES.contains(kw) || (kw.equals("stats") && v.equals("timeout"))) {
      String value = kw.equals("stats") ? st.word(2) : v;
      try {
        Values.time(value, kw, false);
      } catch (LineError e) {
        return e.getMessage();
      }
      return null;
    }
    if (kw.equals("stats") && v.equals("maxconn")) {
      Integer n = Values.strictInt(st.word(2));
      return n == null || n < 1 ? "'stats maxconn' expects a positive integer (got '" + st.word(2) + "')." : null;
    }
    if (kw.startsWith("tune.")) {
      if (v.isEmpty()) {
        return "'" + kw + "' expects an argument.";
      }
      boolean onOff = v.equals("on") || v.equals("off");
      if (!onOff && !Character.isDigit(v.charAt(0)) && !kw.startsWith("tune.ssl.") && !kw.startsWith("tune.lua.")) {
        return "'" + kw + "' expects an integer argument (got '" + v + "').";
      }
      if (kw.equals("tune.bufsize") && Values.atol(v) <= 0) {
        return "'tune.bufsize' expects a positive integer argument.";
      }
      return null;
    }
    return switch (kw) {
      case "setenv", "presetenv" -> st.size() < 3 ? "'" + kw + "' expects a name and a value." : null;
      case "unsetenv" -> st.size() < 2 ? "'unsetenv' expects at least one variable name." : null;
      case "master-worker" -> st.size() > 2 || (st.size() == 2 && !v.equals("no-exit-on-failure"))
          ? "'master-worker' only supports 'no-exit-on-failure' option." : null;
      default -> FILES.contains(kw) && !Files.isReadable(Path.of(v))
          ? "Lua runtime: cannot read file '" + v + "'." : null;
    };
  }
}
