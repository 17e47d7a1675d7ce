package io.hakit.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link ForegroundTest}: {@code MODE DIR}. The start writes {@code DIR/started};
 * the stop writes {@code DIR/stopped}. Modes: {@code ok}; {@code slow-start} (the start then waits
 * 60 s); {@code stuck-stop} (the stop never ends; its bound is 300 ms).
 */
final class ForegroundChild {
  private ForegroundChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    CountDownLatch never = new CountDownLatch(1);
    int status = Foreground.run("child", () -> {
      Files.writeString(dir.resolve("started"), "started");
      if (mode.equals("slow-start")) {
        never.await(60, TimeUnit.SECONDS);
      }
    }, Duration.ofMillis(mode.equals("stuck-stop") ? 300 : 10_000), () -> {
      if (mode.equals("stuck-stop")) {
        never.await(60, TimeUnit.SECONDS);
      }
      Files.writeString(dir.resolve("stopped"), "stopped");
    }, System.err);
    System.exit(status);
  }
}
