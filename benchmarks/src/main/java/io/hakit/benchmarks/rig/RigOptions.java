package io.hakit.benchmarks.rig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The rig's command-line options, validated. */
record RigOptions(
    List<Scenario> scenarios,
    int warmupSeconds,
    int warmupMaxSeconds,
    int durationSeconds,
    int rounds,
    int threads,
    int connections,
    int idleConnections,
    int idleHoldSeconds,
    List<String> hakitCommand,
    String haproxy,
    String nginx,
    String origin,
    String wrk,
    String proxyCpu,
    String loadCpu,
    @Nullable Path workDir,
    int startupTimeoutSeconds) {

  static final String DEFAULT_HAKIT_COMMAND =
      "java -Xms512m -Xmx512m -XX:+UseParallelGC -jar ha-examples/target/hakit.jar proxy -f";

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -cp benchmarks/target/benchmarks.jar io.hakit.benchmarks.rig.LoadRig [options]",
          "  --scenarios LIST      comma-separated: ka_small, close_small, ka_1mib, tcp,",
          "                        server_close, idle, tcp_1mib, tcp_splice_1mib (option",
          "                        splice-auto); 'default' (all but server_close and the",
          "                        tcp_*1mib ones) or 'all'",
          "                        [default]",
          "  --warmup SECONDS      wrk warm-up per scenario and proxy, not measured [10]",
          "  --warmup-max SECONDS  a JVM proxy: then 5 s more at a time until its JIT is quiet,",
          "                        up to this in all [60]",
          "  --duration SECONDS    measured wrk run [5]",
          "  --rounds N            measured runs per scenario and proxy, alternating order;",
          "                        ratios use the medians [3]",
          "  --threads N           wrk threads [1]",
          "  --connections N       wrk connections [50]",
          "  --idle-connections N  connections held open in the idle scenario [9900]",
          "  --idle-hold SECONDS   keep them open this long after measuring, to inspect [0]",
          "  --hakit-cmd CMD       HAKit's command, the config file is appended",
          "                        [" + DEFAULT_HAKIT_COMMAND + "]",
          "  --haproxy PATH        HAProxy binary, run as PATH -db -f CONFIG [/usr/sbin/haproxy]",
          "  --nginx PATH          nginx binary for the origins [/usr/sbin/nginx]",
          "  --origin KIND         nginx, builtin (a small Java origin) or auto: nginx when",
          "                        installed [auto]",
          "  --wrk PATH            wrk binary [/usr/bin/wrk]",
          "  --proxy-cpu CPUS      taskset CPU list for the proxies [0]",
          "  --load-cpu CPUS       taskset CPU list for wrk, the origins and the rig [1]",
          "  --no-pin              no taskset at all",
          "  --work-dir DIR        where configs and logs go [a new /tmp/hakit-rig-* directory]",
          "  --startup-timeout S   how long a proxy may take to answer after its start [60]");

  static RigOptions parse(String... args) {
    List<Scenario> scenarios = Scenario.parseList("default");
    int warmup = 10;
    int warmupMax = 60;
    int duration = 5;
    int rounds = 3;
    int threads = 1;
    int connections = 50;
    int idle = 9900;
    int idleHold = 0;
    List<String> hakit = split(DEFAULT_HAKIT_COMMAND);
    String haproxy = "/usr/sbin/haproxy";
    String nginx = "/usr/sbin/nginx";
    String origin = "auto";
    String wrk = "/usr/bin/wrk";
    String proxyCpu = "0";
    String loadCpu = "1";
    Path workDir = null;
    int startup = 60;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--no-pin")) {
        proxyCpu = "";
        loadCpu = "";
        continue;
      }
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--scenarios":
          scenarios = Scenario.parseList(value);
          break;
        case "--warmup":
          warmup = number(option, value, 0);
          break;
        case "--warmup-max":
          warmupMax = number(option, value, 0);
          break;
        case "--duration":
          duration = number(option, value, 1);
          break;
        case "--rounds":
          rounds = number(option, value, 1);
          break;
        case "--threads":
          threads = number(option, value, 1);
          break;
        case "--connections":
          connections = number(option, value, 1);
          break;
        case "--idle-connections":
          idle = number(option, value, 1);
          break;
        case "--idle-hold":
          idleHold = number(option, value, 0);
          break;
        case "--hakit-cmd":
          hakit = split(value);
          break;
        case "--haproxy":
          haproxy = value;
          break;
        case "--nginx":
          nginx = value;
          break;
        case "--origin":
          if (!List.of("nginx", "builtin", "auto").contains(value)) {
            throw new IllegalArgumentException("--origin must be nginx, builtin or auto: " + value);
          }
          origin = value;
          break;
        case "--wrk":
          wrk = value;
          break;
        case "--proxy-cpu":
          proxyCpu = value;
          break;
        case "--load-cpu":
          loadCpu = value;
          break;
        case "--work-dir":
          workDir = Path.of(value);
          break;
        case "--startup-timeout":
          startup = number(option, value, 1);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    if (hakit.isEmpty()) {
      throw new IllegalArgumentException("--hakit-cmd is empty");
    }
    if (scenarios.contains(Scenario.TCP_SPLICE_1MIB) && scenarios.contains(Scenario.IDLE)
        && idle > RigConfig.SPLICE_MAXCONN - 100) {
      throw new IllegalArgumentException("tcp_splice_1mib lowers maxconn to " + RigConfig.SPLICE_MAXCONN
          + " (HAProxy reserves descriptors for its pipes): run it apart from idle, or with --idle-connections "
          + (RigConfig.SPLICE_MAXCONN - 100) + " or fewer");
    }
    return new RigOptions(
        scenarios, warmup, Math.max(warmup, warmupMax), duration, rounds, threads, connections, idle, idleHold, hakit, haproxy, nginx,
        origin, wrk, proxyCpu, loadCpu, workDir, startup);
  }

  private static List<String> split(String command) {
    return Arrays.stream(command.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static int number(String option, String value, int min) {
    try {
      int n = Integer.parseInt(value);
      if (n < min) {
        throw new IllegalArgumentException(option + " must be at least " + min + ": " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects a whole number: " + value, e);
    }
  }
}
