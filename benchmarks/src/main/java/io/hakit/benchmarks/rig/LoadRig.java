package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The side-by-side load rig (see benchmarks/RIG.md): starts one nginx origin, HAProxy and HAKit
 * on the same generated haproxy.cfg (own ports each), puts the same wrk load on each in turn and
 * prints requests/s, p50/p99 latency, the proxy's CPU seconds per 100k requests, its RSS, and the
 * ratios HAKit/HAProxy. From the repository root:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.hakit.benchmarks.rig.LoadRig [--help]
 * </pre>
 *
 * <p>Runs on the caller's thread from start to end; the only other thread is the shutdown hook
 * that kills every process the rig started.
 *
 * <p>Exit status: 0 when every run was valid, 3 when some run was invalid (errors from wrk or
 * connections that failed), 1 when the rig could not run (a proxy did not come up or died), 2
 * for bad options.
 */
public final class LoadRig {

  private static final int IDLE_MAX_IN_FLIGHT = 200;
  private static final int WARMUP_CHUNK_SECONDS = 5;
  /** The JIT is quiet when it compiled for less than this share of the proxy's CPU time. */
  private static final double WARMUP_QUIET_JIT_SHARE = 0.05;
  private static final long IDLE_OPEN_TIMEOUT_MILLIS = 120_000;
  private static final int IDLE_HISTOGRAM_LINES = 40;
  private static final long RSS_SETTLE_MAX_MILLIS = 10_000;
  private static final long RSS_SAMPLE_MILLIS = 500;
  private static final long FILES_RELEASE_MAX_MILLIS = 15_000;

  private final RigOptions options;
  private final PrintStream out;
  private final Report report = new Report();

  private LoadRig(RigOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    RigOptions options;
    try {
      options = RigOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int status;
    try {
      status = new LoadRig(options, System.out).run() ? 0 : 3;
    } catch (RigFailure | UncheckedIOException | IllegalStateException e) {
      System.err.println("load rig failed: " + e.getMessage());
      status = 1;
    } finally {
      ChildProcesses.stopAll();
    }
    System.exit(status);
  }

  /** Runs every scenario; true when every run was valid. */
  private boolean run() {
    Path dir = workDir();
    requireExecutable(options.wrk(), "wrk (apt-get install wrk)");
    requireExecutable(options.haproxy(), "haproxy (apt-get install haproxy)");
    pinSelf();

    Ports ports = new Ports();
    boolean splice = options.scenarios().contains(Scenario.TCP_SPLICE_1MIB);
    RigConfig.OriginPorts originPorts =
        new RigConfig.OriginPorts(ports.next(), ports.next(), ports.next());
    RigConfig.ProxyPorts haproxyPorts =
        new RigConfig.ProxyPorts(ports.next(), ports.next(), ports.next(), ports.next(), ports.next());
    RigConfig.ProxyPorts hakitPorts =
        new RigConfig.ProxyPorts(ports.next(), ports.next(), ports.next(), ports.next(), ports.next());

    RunningOrigin origin =
        RunningOrigin.start(options.origin(), options.nginx(), originPorts, dir, options.loadCpu());
    Path haproxyConfig =
        write(dir.resolve("haproxy.cfg"), RigConfig.render(haproxyPorts, originPorts, splice));
    Path hakitConfig = write(dir.resolve("hakit.cfg"), RigConfig.render(hakitPorts, originPorts, splice));
    List<Scenario.Listener> listeners = new ArrayList<>(List.of(Scenario.Listener.values()));
    if (!splice) {
      listeners.remove(Scenario.Listener.TCP_SPLICE);
    }
    long startupMillis = options.startupTimeoutSeconds() * 1000L;
    ProxyUnderTest haproxy =
        ProxyUnderTest.start(
            Report.BASELINE, List.of(options.haproxy(), "-db", "-f"), haproxyConfig, haproxyPorts, listeners,
            options.proxyCpu(), dir.resolve("haproxy.log"), startupMillis);
    ProxyUnderTest hakit =
        ProxyUnderTest.start(
            Report.CANDIDATE, options.hakitCommand(), hakitConfig, hakitPorts, listeners, options.proxyCpu(),
            dir.resolve("hakit.log"), startupMillis);
    out.printf(
        "work dir %s; origin %s; haproxy pid %d, hakit pid %d (%s)%n", dir, origin.description(),
        haproxy.pid(), hakit.pid(), String.join(" ", options.hakitCommand()));

    WrkRunner wrk =
        new WrkRunner(
            options.wrk(), options.threads(), options.connections(), options.loadCpu(), dir);
    List<ProxyUnderTest> proxies = List.of(haproxy, hakit);
    for (Scenario scenario : options.scenarios()) {
      if (scenario == Scenario.IDLE) {
        for (ProxyUnderTest proxy : proxies) {
          report.addIdle(proxy.name(), idle(proxy, dir));
        }
      } else {
        load(scenario, proxies, wrk, dir);
      }
      origin.requireAlive();
    }
    report.print(out);
    out.println();
    out.println("configs and logs: " + dir);
    return report.allValid();
  }

  /** Warm-up of each proxy, then measured runs, alternating which proxy goes first. */
  private void load(Scenario scenario, List<ProxyUnderTest> proxies, WrkRunner wrk, Path dir) {
    if (options.warmupSeconds() > 0) {
      for (ProxyUnderTest proxy : proxies) {
        warmUp(scenario, proxy, wrk, dir);
      }
    }
    for (int round = 0; round < options.rounds(); round++) {
      List<ProxyUnderTest> order = new ArrayList<>(proxies);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (ProxyUnderTest proxy : order) {
        ProcStat before = proxy.stat();
        WrkResult result = wrk.run(proxy.port(scenario), scenario, options.durationSeconds());
        ProcStat after = proxy.stat();
        LoadFigures figures =
            new LoadFigures(result, after.cpuSeconds() - before.cpuSeconds(), after.rssBytes());
        report.add(scenario, proxy.name(), figures);
        out.println(Report.progressLine(scenario, proxy.name(), figures));
      }
    }
  }

  /**
   * Loads the proxy for {@code --warmup} seconds; a JVM then 5 s more at a time until its JIT has
   * gone quiet (compiling for less than 5% of the proxy's CPU time in the last chunk), at most
   * {@code --warmup-max} seconds in all. The JIT runs on the proxy's core and its CPU counts as
   * the proxy's, so measuring while it still compiles would blame the JIT on the proxy.
   */
  private void warmUp(Scenario scenario, ProxyUnderTest proxy, WrkRunner wrk, Path dir) {
    Path jcmd = Jcmd.jcmdFor(proxy.pid());
    List<String> trail = new ArrayList<>();
    int seconds = options.warmupSeconds();
    int total = 0;
    Jcmd.JitTotals jit = jcmd == null ? null : Jcmd.jitTotals(jcmd, proxy.pid(), dir);
    boolean quiet = jit == null;
    while (true) {
      ProcStat before = proxy.stat();
      WrkResult warmup = wrk.run(proxy.port(scenario), scenario, seconds);
      ProcStat after = proxy.stat();
      total += seconds;
      if (!warmup.invalidReason().isEmpty()) {
        out.printf(
            "%-13s %-8s warm-up: %s%n", scenario.label(), proxy.name(), warmup.invalidReason());
        return;
      }
      double cpuSeconds = after.cpuSeconds() - before.cpuSeconds();
      String step =
          String.format(
              Locale.ROOT, "%.2f", new LoadFigures(warmup, cpuSeconds, 0).cpuSecondsPer100k());
      if (jit != null) {
        Jcmd.JitTotals now = Jcmd.jitTotals(jcmd, proxy.pid(), dir);
        if (now == null) {
          quiet = true; // cannot tell: do not extend
        } else {
          double jitSeconds = now.seconds() - jit.seconds();
          step += String.format(
              Locale.ROOT, " (JIT %d methods, %.2f s)", now.compiles() - jit.compiles(), jitSeconds);
          quiet = jitSeconds < WARMUP_QUIET_JIT_SHARE * cpuSeconds;
          jit = now;
        }
      }
      trail.add(step);
      if (quiet || total + WARMUP_CHUNK_SECONDS > options.warmupMaxSeconds()) {
        out.printf(
            "%-13s %-8s warm-up %d s, cpu-s/100k %s%s%n", scenario.label(), proxy.name(), total,
            String.join(" -> ", trail), quiet ? "" : "; JIT not yet quiet");
        return;
      }
      seconds = WARMUP_CHUNK_SECONDS;
    }
  }

  /** Opens the idle connections on one proxy, reads its memory, closes them. */
  private IdleFigures idle(ProxyUnderTest proxy, Path dir) {
    int count = options.idleConnections();
    Path jcmd = Jcmd.jcmdFor(proxy.pid());
    HeapHistogram histogramBefore = jcmd == null ? null : Jcmd.histogram(jcmd, proxy.pid(), dir);
    long heapBefore = jcmd == null ? -1 : liveBytes(jcmd, proxy.pid(), dir, histogramBefore);
    long filesBefore = ProcStat.openFiles(proxy.pid());
    long rssBefore = settledRss(proxy);
    IdleFigures figures;
    try (IdleClients clients =
        IdleClients.open(
            proxy.port(Scenario.IDLE), Scenario.IDLE.path(), count, IDLE_MAX_IN_FLIGHT,
            IDLE_OPEN_TIMEOUT_MILLIS)) {
      long rssAfter = settledRss(proxy);
      long filesAfter = ProcStat.openFiles(proxy.pid());
      HeapHistogram histogramAfter = jcmd == null ? null : Jcmd.histogram(jcmd, proxy.pid(), dir);
      long heapAfter = jcmd == null ? -1 : liveBytes(jcmd, proxy.pid(), dir, histogramAfter);
      long heapGrowth = heapBefore < 0 || heapAfter < 0 ? -1 : heapAfter - heapBefore;
      if (histogramBefore != null && histogramAfter != null && !histogramBefore.isEmpty()
          && !histogramAfter.isEmpty() && clients.held() > 0) {
        out.printf("%-13s %-8s live heap growth by class, per held connection (all classes: %.0f B/conn):%n%s",
            Scenario.IDLE.label(), proxy.name(),
            (double) (histogramAfter.totalBytes() - histogramBefore.totalBytes()) / clients.held(),
            HeapHistogram.format(
                histogramAfter.growthSince(histogramBefore, IDLE_HISTOGRAM_LINES), clients.held()));
      }
      if (options.idleHoldSeconds() > 0) {
        out.printf("%-13s %-8s holding %d connections for %d s (pid %d)%n", Scenario.IDLE.label(),
            proxy.name(), clients.held(), options.idleHoldSeconds(), proxy.pid());
        pause(options.idleHoldSeconds() * 1000L);
      }
      figures =
          new IdleFigures(
              count, clients.held(), clients.countOpen(), rssBefore, rssAfter, filesBefore,
              filesAfter, heapGrowth, clients.firstFailure());
    }
    out.printf(
        "%-13s %-8s %d held, %d open, %.0f bytes/conn (rss %.0f + heap %.0f), +%d fds  %s%n",
        Scenario.IDLE.label(), proxy.name(), figures.held(), figures.open(),
        figures.bytesPerConnection(), figures.rssBytesPerConnection(),
        figures.heapBytesPerConnection(), figures.filesAfter() - figures.filesBefore(),
        figures.valid() ? "ok" : "INVALID: " + figures.invalidReason());
    awaitFilesReleased(proxy, filesBefore, figures.filesAfter());
    proxy.requireAlive();
    return figures;
  }

  /**
   * The live heap: the total of the class histogram (taken after a full GC: only live objects),
   * else GC.heap_info's "used", which also counts the unused rest of every thread's allocation
   * buffer and so moved by about 250 bytes per connection between runs.
   */
  private static long liveBytes(Path jcmd, long pid, Path dir, @Nullable HeapHistogram histogram) {
    if (histogram != null && !histogram.isEmpty()) {
      return histogram.totalBytes();
    }
    return Jcmd.liveBytes(jcmd, pid, dir).orElse(-1);
  }

  /** Samples RSS until two samples in a row agree within 0.5%, at most 10 s. */
  private static long settledRss(ProxyUnderTest proxy) {
    long deadline = System.currentTimeMillis() + RSS_SETTLE_MAX_MILLIS;
    long previous = proxy.stat().rssBytes();
    while (System.currentTimeMillis() < deadline) {
      pause(RSS_SAMPLE_MILLIS);
      long current = proxy.stat().rssBytes();
      if (Math.abs(current - previous) <= previous / 200) {
        return current;
      }
      previous = current;
    }
    return previous;
  }

  /**
   * Waits, at most 15 s, until the proxy has closed the idle clients' descriptors (it may keep
   * its idle server connections), so the next measurement starts from a quiet proxy.
   */
  private void awaitFilesReleased(ProxyUnderTest proxy, long filesBefore, long filesAfter) {
    long slack = Math.max(100, (filesAfter - filesBefore) / 5);
    long deadline = System.currentTimeMillis() + FILES_RELEASE_MAX_MILLIS;
    long files = ProcStat.openFiles(proxy.pid());
    while (files > filesBefore + slack && System.currentTimeMillis() < deadline) {
      pause(RSS_SAMPLE_MILLIS);
      files = ProcStat.openFiles(proxy.pid());
    }
    if (files > filesBefore + slack) {
      out.printf(
          "%-13s %-8s still holds %d descriptors 15 s after the clients closed (%d before)%n",
          Scenario.IDLE.label(), proxy.name(), files, filesBefore);
    }
  }

  private Path workDir() {
    try {
      Path dir = options.workDir();
      if (dir == null) {
        return Files.createTempDirectory("hakit-rig-");
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work directory", e);
    }
  }

  /** Pins every thread of this JVM to the load CPUs, so the rig stays off the proxy's core. */
  private void pinSelf() {
    if (options.loadCpu().isEmpty()) {
      return;
    }
    long pid = ProcessHandle.current().pid();
    try {
      Process taskset =
          new ProcessBuilder("taskset", "-a", "-p", "-c", options.loadCpu(), Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
        taskset.destroyForcibly();
        throw new RigFailure("taskset could not pin the rig to CPUs " + options.loadCpu()
            + " (use --no-pin to run without pinning)");
      }
    } catch (IOException e) {
      throw new RigFailure("taskset not found (apt-get install util-linux) or use --no-pin", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RigFailure("interrupted while pinning the rig", e);
    }
  }

  private static void requireExecutable(String binary, String what) {
    if (!Files.isExecutable(Path.of(binary))) {
      throw new RigFailure(binary + " is not an executable: " + what);
    }
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RigFailure("interrupted", e);
    }
  }
}
