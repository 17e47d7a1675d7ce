package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's wrk against a loopback URL, pinned to the load CPU, bounded in time. */
final class WrkRunner {

  /** wrk's own per-request timeout: a request slower than this is a socket error. */
  private static final int REQUEST_TIMEOUT_SECONDS = 5;
  /** How long past its duration wrk may take to print and exit before it is killed. */
  private static final long EXIT_GRACE_SECONDS = 30;

  private final String wrk;
  private final int threads;
  private final int connections;
  private final String cpus;
  private final Path dir;
  private int runs;

  WrkRunner(String wrk, int threads, int connections, String cpus, Path dir) {
    this.wrk = wrk;
    this.threads = threads;
    this.connections = connections;
    this.cpus = cpus;
    this.dir = dir;
  }

  /** Runs wrk for {@code seconds} and returns its parsed report. */
  WrkResult run(int port, Scenario scenario, int seconds) {
    List<String> command = new ArrayList<>(List.of(wrk,
        "-t" + threads,
        "-c" + connections,
        "-d" + seconds + "s",
        "--timeout", REQUEST_TIMEOUT_SECONDS + "s",
        "--latency"));
    if (scenario.connectionClose()) {
      command.addAll(List.of("-H", "Connection: close"));
    }
    command.add("http://127.0.0.1:" + port + scenario.path());
    Path log = dir.resolve("wrk-" + (++runs) + "-" + scenario.label() + ".log");
    ChildProcess process = ChildProcess.start("wrk", command, cpus, log);
    try {
      if (!process.process().waitFor(seconds + EXIT_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.stop();
        throw new RigFailure(
            "wrk did not finish within " + (seconds + EXIT_GRACE_SECONDS) + " s: "
                + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.stop();
      Thread.currentThread().interrupt();
      throw new RigFailure("interrupted while wrk ran", e);
    }
    String output;
    try {
      output = Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read wrk's output " + log, e);
    }
    int status = process.process().exitValue();
    if (status != 0) {
      throw new RigFailure("wrk exited with status " + status + ":\n" + output);
    }
    try {
      return WrkOutputParser.parse(output);
    } catch (IllegalArgumentException e) {
      throw new RigFailure("cannot read wrk's report: " + e.getMessage(), e);
    }
  }
}
