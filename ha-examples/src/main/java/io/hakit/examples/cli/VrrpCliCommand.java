package io.hakit.examples.cli;

import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpException;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.config.KeepalivedConfig;
import io.hakit.vrrp.config.KeepalivedConfigException;
import io.hakit.vrrp.config.KeepalivedConfigReader;
import io.hakit.vrrp.config.KeepalivedRunner;
import io.hakit.vrrp.linux.LinuxRawTransportFactory;
import io.hakit.vrrp.linux.NetlinkAddressManager;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code hakit vrrp -f keepalived.conf}: runs the VRRP part of a keepalived.conf in the foreground,
 * like {@code keepalived -n -f}, on the Linux raw socket and rtnetlink (root or CAP_NET_RAW +
 * CAP_NET_ADMIN). State changes are printed on {@code out}; SIGTERM or SIGINT stop it gracefully
 * (a master sends priority 0 and removes its addresses) and the process exits 0.
 *
 * <p>Exit status: 0 after a graceful stop (or a valid config with {@code -t}), 1 for an invalid
 * configuration, 2 for a usage error or when it cannot start (not Linux, no privileges, no such
 * interface).
 *
 * <p>Threading: as every foreground command, through {@link Foreground}: the calling thread starts
 * the instances and then waits; the shutdown hook stops them and ends the process. Meant as a
 * process's main command.
 */
final class VrrpCliCommand implements Command {
  static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final long STOP_TIMEOUT_SECONDS = 15;
  private static final long START_TIMEOUT_SECONDS = 30;

  static final String USAGE = """
      usage: hakit vrrp [-f FILE] [-t] [-n] [-l] [-D] [-P]
        Runs the VRRP instances of a keepalived.conf in the foreground, like keepalived -n -f.
        -f, --use-file FILE   the configuration (default %s)
        -t, --config-test     check the configuration and exit (0: valid, 1: errors)
        -n, -l, -D, -P        accepted for keepalived compatibility (always foreground, logs on
                              the console, VRRP only)
        -h, --help            this text
      SIGTERM or SIGINT: graceful stop (priority 0, virtual addresses removed), exit status 0.
      """.formatted(DEFAULT_CONFIG);

  @Override
  public String name() {
    return "vrrp";
  }

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public String summary() {
    return "run the VRRP instances of a keepalived.conf in the foreground (like keepalived -n -f)";
  }

  /** Runs the command; blocks until the JVM is told to stop (then the process exits 0). */
  @Override
  public int run(List<String> arguments, PrintStream out, PrintStream err) {
    String[] args = arguments.toArray(String[]::new);
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("vrrp: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (options.help) {
      out.print(USAGE);
      return 0;
    }
    if (!Files.isReadable(options.file)) {
      err.println("vrrp: cannot read configuration file " + options.file);
      return 1;
    }
    KeepalivedConfig config;
    try {
      config = KeepalivedConfigReader.read(options.file);
    } catch (KeepalivedConfigException e) {
      e.diagnostics().forEach(err::println);
      return 1;
    }
    config.warnings().forEach(err::println);
    if (options.checkOnly) {
      out.println("Configuration file " + options.file + " is valid: " + config.instances().size() + " VRRP instance(s)");
      return 0;
    }
    String unavailable = LinuxRawTransportFactory.unavailabilityCause();
    if (unavailable != null) {
      err.println("vrrp: " + unavailable);
      return 2;
    }
    KeepalivedRunner runner;
    try {
      runner = KeepalivedRunner.create(config, new LinuxRawTransportFactory(), new NetlinkAddressManager(),
          change -> printChange(out, change));
    } catch (VrrpException e) {
      err.println("vrrp: " + e.getMessage());
      return 1;
    }
    return runUntilSignalled(runner, out, err);
  }

  /** {@link Foreground}: start, run until SIGTERM, graceful stop with a summary, exit 0. */
  private static int runUntilSignalled(KeepalivedRunner runner, PrintStream out, PrintStream err) {
    try {
      return Foreground.run("vrrp", () -> {
        runner.start().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        out.println("vrrp: running " + runner.instances().size() + " instance(s); SIGTERM stops");
        out.flush();
      }, Duration.ofSeconds(STOP_TIMEOUT_SECONDS + 5), () -> stop(runner, out), err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Foreground.START_FAILED;
    }
  }

  /** The graceful stop (priority 0, addresses removed) and a summary per instance. */
  private static void stop(KeepalivedRunner runner, PrintStream out) throws Exception {
    out.println("vrrp: stopping (priority 0, removing virtual addresses)");
    out.flush();
    runner.stop(GRACE).toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (VrrpInstance i : runner.instances()) {
      out.println("(" + i.name() + ") stopped: " + i.counters());
    }
    out.flush();
  }

  private static void printChange(PrintStream out, StateChange change) {
    out.println("(" + change.instance() + ") entering " + change.to() + " state (" + change.reason() + "), priority "
        + change.priority());
    out.flush();
  }

  /** The command line, keepalived's spelling. */
  static final class Options {
    Path file = Path.of(DEFAULT_CONFIG);
    boolean checkOnly;
    boolean help;

    static Options parse(String[] args) {
      Options o = new Options();
      boolean fileSet = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.startsWith("--use-file=")) {
          fileSet = setFile(o, fileSet, a.substring("--use-file=".length()));
          continue;
        }
        switch (a) {
          case "-f", "--use-file" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(a + " needs a file name");
            }
            fileSet = setFile(o, fileSet, args[++i]);
          }
          case "-t", "--config-test" -> o.checkOnly = true;
          case "-h", "--help" -> o.help = true;
          case "-n", "--dont-fork", "-l", "--log-console", "-D", "--log-detail", "-P", "--vrrp" -> {
            // keepalived flags that describe what this command always does
          }
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      return o;
    }

    private static boolean setFile(Options o, boolean alreadySet, String name) {
      if (alreadySet) {
        throw new IllegalArgumentException("-f given twice");
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException("-f needs a file name");
      }
      o.file = Path.of(name);
      return true;
    }
  }
}
