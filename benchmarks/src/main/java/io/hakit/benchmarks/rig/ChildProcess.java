package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process the rig started, with its standard output and error in a log file (never a pipe that
 * could fill up and block it). Every child is registered with {@link ChildProcesses} so that it
 * is killed when the rig ends, also on failure.
 */
final class ChildProcess {

  private static final Logger logger = LoggerFactory.getLogger(ChildProcess.class);
  private static final long TERM_GRACE_MILLIS = 5_000;
  private static final int LOG_TAIL_LINES = 30;

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command}, pinned to {@code cpus} with taskset when that is not empty. taskset
   * execs the command, so {@link #pid()} is the command's own process id.
   */
  static ChildProcess start(String name, List<String> command, String cpus, Path log) {
    List<String> full = new ArrayList<>();
    if (!cpus.isEmpty()) {
      full.addAll(List.of("taskset", "-c", cpus));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    try {
      Process process = builder.start();
      ChildProcess child = new ChildProcess(name, process, log);
      ChildProcesses.register(child);
      logger.debug("started {} (pid {}): {}", name, process.pid(), String.join(" ", full));
      return child;
    } catch (IOException e) {
      throw new RigFailure("cannot start " + name + " (" + String.join(" ", full) + "): " + e, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Process process() {
    return process;
  }

  /** Fails with the end of the log when the process has exited. */
  void requireAlive() {
    if (!process.isAlive()) {
      throw new RigFailure(
          name + " exited with status " + process.exitValue() + "; end of " + log + ":\n"
              + logTail());
    }
  }

  /** The last lines of the process's output, for error messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
      return String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL after a grace period; bounded in time. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(TERM_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(TERM_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
