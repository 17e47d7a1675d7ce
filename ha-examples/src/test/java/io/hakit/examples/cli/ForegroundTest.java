package io.hakit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one "run until signalled" of the CLI: child JVMs get real signals. */
class ForegroundTest {
  @TempDir
  Path dir;

  @Test
  void run_startFails_stopsWhatStartedAndReturnsTwo() throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = Foreground.run("vrrp", () -> {
      throw new ExecutionException(new IOException("no such interface eth9"));
    }, Duration.ofSeconds(5), () -> stopped.set(true), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(Foreground.START_FAILED);
    assertThat(stopped).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("vrrp: cannot start: no such interface eth9\n");
  }

  @Test
  void run_sigterm_stopsGracefullyAndExitsZero() throws Exception {
    try (Child child = Child.start(dir, "ok")) {
      child.awaitFile("started");
      child.process.destroy(); // SIGTERM

      assertThat(child.awaitExit()).as(child.log()).isZero();
      assertThat(dir.resolve("stopped")).exists();
    }
  }

  @Test
  void run_sigtermDuringStart_stopsWhatStartedAndExitsZero() throws Exception {
    try (Child child = Child.start(dir, "slow-start")) {
      child.awaitFile("started");
      child.process.destroy();

      assertThat(child.awaitExit()).as(child.log()).isZero();
      assertThat(dir.resolve("stopped")).exists();
    }
  }

  @Test
  void run_stopOverrunsItsBound_exitsOne() throws Exception {
    try (Child child = Child.start(dir, "stuck-stop")) {
      child.awaitFile("started");
      child.process.destroy();

      assertThat(child.awaitExit()).as(child.log()).isEqualTo(1);
      assertThat(child.log()).contains("child: stop still running after 300 ms");
    }
  }

  /** A {@link ForegroundChild} JVM, killed on close whatever happened. */
  private record Child(Process process, Path dir, Path logFile) implements AutoCloseable {
    static Child start(Path dir, String mode) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path log = dir.resolve("child.log");
      Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), ForegroundChild.class.getName(), mode, dir.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Child(p, dir, log);
    }

    void awaitFile(String name) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int i = 0; i < 10_000 && !Files.exists(dir.resolve(name)); i++) {
        if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
          throw new AssertionError("no " + name + " from the child; its log:\n" + log());
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }

    int awaitExit() throws InterruptedException {
      return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String log() {
      try {
        return Files.readString(logFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
