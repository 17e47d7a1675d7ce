package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** {@code vrrp_script NAME { script, interval, timeout, weight, rise, fall, init_fail }}. */
final class ScriptReader {
  /** What a vrrp_script block sets. */
  static final class Script {
    @Nullable String command;
    @Nullable Duration interval;
    @Nullable Duration timeout;
    int weight;
    int rise = 1;
    int fall = 1;
    boolean initFail;
  }

  static final KeywordTable<Script> TABLE = new KeywordTable<Script>("vrrp_script")
      .on("script", (n, s, v) -> s.command = v.command(n))
      .on("interval", (n, s, v) -> s.interval = GlobalDefsReader.seconds(n, v, "0.001", "86400"))
      .on("timeout", (n, s, v) -> s.timeout = GlobalDefsReader.seconds(n, v, "0.001", "86400"))
      .on("weight", ScriptReader::weight)
      .on("rise", (n, s, v) -> s.rise = orDefault(v.integer(n, 1, 1_000_000), 1))
      .on("fall", (n, s, v) -> s.fall = orDefault(v.integer(n, 1, 1_000_000), 1))
      .on("init_fail", (n, s, v) -> {
        v.noArgs(n);
        s.initFail = true;
      })
      .unsupported("scripts run as the JVM's user", "user")
      .unsupported("not implemented", "dynamic");

  private ScriptReader() {}

  private static int orDefault(@Nullable Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static void weight(ConfNode n, Script s, Values v) {
    if (n.args().isEmpty() || n.args().size() > 2) {
      v.diagnostics().error(n.origin(), "'weight': " + n.args().size() + " arguments (expected: -253..253 [reverse])");
      return;
    }
    Integer w = v.integer(n, n.args().get(0), -253, 253);
    s.weight = w == null ? 0 : w;
    if (n.args().size() == 2) {
      v.diagnostics().warn(n.origin(), "'weight ... " + n.args().get(1) + "' (reverse) is not supported by HAKit;"
          + " the weight applies in the normal direction");
    }
  }

  static VrrpScriptSpec build(String name, Script s, Origin origin, Values v) {
    String command = s.command;
    if (command == null) {
      v.diagnostics().error(origin, "vrrp_script " + name + ": no 'script' line (expected: script \"command\")");
      command = "false";
    }
    Duration interval = s.interval == null ? Duration.ofSeconds(1) : s.interval;
    Duration timeout = s.timeout == null ? interval : s.timeout;
    return new VrrpScriptSpec(name, command, interval, timeout, s.weight, s.rise, s.fall, s.initFail, origin);
  }
}
