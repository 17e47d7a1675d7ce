package io.hakit.proxy;

import io.hakit.core.testing.Interop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The real haproxy running a config in the foreground ({@code haproxy -db -f}), for differential tests. */
public final class HaproxyProcess implements AutoCloseable {
  private final Process process;
  private final Thread hook;
  private final Path dir;

  /** Starts haproxy on the config and waits until each of {@code ports} accepts a connection. */
  public HaproxyProcess(String config, int... ports) throws Exception {
    dir = Files.createTempDirectory("hakit-haproxy-");
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, config);
    Path binary = Interop.findBinary("haproxy");
    process = new ProcessBuilder(binary.toString(), "-db", "-f", cfg.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    hook = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(hook);
    for (int port : ports) {
      Await.until("haproxy listening on " + port, Duration.ofSeconds(10), () -> {
        if (!process.isAlive()) {
          throw new AssertionError("haproxy exited: " + log());
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return s.isConnected();
        } catch (IOException e) {
          return false;
        }
      });
    }
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("haproxy.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }
}
