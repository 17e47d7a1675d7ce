package io.hakit.examples.cli;

import io.hakit.examples.demo.Demo;
import io.hakit.examples.demo.DemoOptions;
import io.hakit.examples.demo.DemoReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code hakit demo}: the seed's HA pair on one machine, no root; see {@link Demo}. */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "the seed's two-node HA proxy on this machine, no root: election, crash, takeover, preempt";
  }

  @Override
  public String usage() {
    DemoOptions d = DemoOptions.DEFAULTS;
    return "Usage: hakit demo [OPTIONS]\n"
        + "  --vip ADDR           loopback address playing the VIP (default " + d.vip() + ")\n"
        + "  --port N             the seed frontend's port (default " + d.port() + ")\n"
        + "  --static-port N      origin of backend static (default " + d.staticPort() + ", as in the seed)\n"
        + "  --app-port N         origin of backend app (default " + d.appPort() + ")\n"
        + "  --vrrp-port N        UDP port of the VRRP adverts on loopback (default " + d.vrrpPort() + ")\n"
        + "  --advert-ms N        VRRP v3 advert interval, multiple of 10 (default " + d.advertInterval().toMillis() + ")\n"
        + "  --steady-seconds N   length of each phase (default " + d.steady().toSeconds() + ")\n"
        + "  --request-ms N       the client's pace (default " + d.requestInterval().toMillis() + ")\n"
        + "  --verbose            library logs at INFO (default: WARN, the timeline tells the story)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Flags flags = Flags.parse(name(), args, Set.of("--verbose"),
        Set.of("--vip", "--port", "--static-port", "--app-port", "--vrrp-port", "--advert-ms", "--steady-seconds",
            "--request-ms"));
    if (!flags.positional().isEmpty()) {
      throw new UsageException("hakit demo: unexpected argument '" + flags.positional().get(0) + "'");
    }
    if (!flags.has("--verbose")) {
      // slf4j-simple reads this when the first logger is made: before any library class logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    DemoOptions d = DemoOptions.DEFAULTS;
    DemoOptions options;
    try {
      options = new DemoOptions(flags.get("--vip", d.vip()),
          number(flags, "--port", d.port()), number(flags, "--static-port", d.staticPort()),
          number(flags, "--app-port", d.appPort()), number(flags, "--vrrp-port", d.vrrpPort()),
          Duration.ofMillis(number(flags, "--advert-ms", (int) d.advertInterval().toMillis())),
          Duration.ofSeconds(number(flags, "--steady-seconds", (int) d.steady().toSeconds())),
          Duration.ofMillis(number(flags, "--request-ms", (int) d.requestInterval().toMillis())));
    } catch (IllegalArgumentException e) {
      throw new UsageException("hakit demo: " + e.getMessage());
    }
    Demo demo = new Demo(options, out);
    Thread hook = new Thread(demo::close, "demo-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      DemoReport report = demo.run();
      return report.masterAfterRestart().equals(report.initialMaster()) ? 0 : 1;
    } finally {
      demo.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running and closes the demo.
      }
    }
  }

  private static int number(Flags flags, String name, int fallback) throws UsageException {
    String v = flags.get(name, Integer.toString(fallback));
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("hakit demo: " + name + " '" + v + "' (expected: a whole number)");
    }
  }
}
