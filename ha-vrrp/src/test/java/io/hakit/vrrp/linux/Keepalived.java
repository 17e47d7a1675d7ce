package io.hakit.vrrp.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's keepalived run in a test namespace: {@code ip netns exec NS keepalived -n -l -D -P}
 * with its own config, pid files and log in a temporary directory. {@link #close} kills the parent
 * and its VRRP child (a JVM shutdown hook does it too if the test JVM dies first).
 */
final class Keepalived implements AutoCloseable {
  private final Process process;
  private final Path directory;
  private final Thread killer;

  private Keepalived(Process process, Path directory) {
    this.process = process;
    this.directory = directory;
    this.killer = new Thread(this::kill, "kill-keepalived");
    Runtime.getRuntime().addShutdownHook(killer);
  }

  static Keepalived start(Netns ns, String config) throws IOException {
    Path directory = Files.createTempDirectory("hk-keepalived-");
    Path conf = Files.writeString(directory.resolve("keepalived.conf"), config, StandardCharsets.US_ASCII);
    Process process = new ProcessBuilder("ip", "netns", "exec", ns.name(), "keepalived", "-n", "-l", "-D", "-P",
        "-f", conf.toString(), "-p", directory.resolve("keepalived.pid").toString(),
        "-r", directory.resolve("vrrp.pid").toString())
        .redirectErrorStream(true).redirectOutput(directory.resolve("keepalived.log").toFile()).start();
    return new Keepalived(process, directory);
  }

  /** What keepalived logged so far (for failure messages). */
  String log() {
    try {
      return Files.readString(directory.resolve("keepalived.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, as an operator stops it: keepalived sends priority 0 and runs its STOP notifies. */
  int terminate() throws InterruptedException {
    process.destroy();
    return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already; the hook runs anyway
    }
    try (var files = Files.list(directory)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
