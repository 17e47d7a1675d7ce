package io.hakit.examples.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service in the foreground the way {@code haproxy -db} and {@code keepalived -n} do: the
 * calling thread waits until SIGTERM/SIGINT, the stop action then runs (bounded by a deadline), and
 * the process exits 0, as those daemons do after a clean stop. The JVM's default would be 143
 * after SIGTERM; a shutdown hook that halts after the graceful stop gives 0.
 */
final class Foreground {
  private static final Logger logger = LoggerFactory.getLogger(Foreground.class);

  private Foreground() {}

  /** A graceful stop that may throw. */
  @FunctionalInterface
  interface StopAction {
    void stop() throws Exception;
  }

  /**
   * Blocks until the JVM is asked to shut down, runs {@code stop} (at most {@code bound}), then
   * halts with status 0 (1 if the stop failed or overran).
   */
  static void runUntilSignal(String what, Duration bound, StopAction stop) throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      logger.info("{}: stopping (signal)", what);
      int status;
      java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
      Thread worker = new Thread(() -> {
        try {
          stop.stop();
        } catch (Exception e) {
          logger.warn("{}: stop failed: {}", what, e.toString());
          failed.set(true);
        }
      }, "hakit-stop");
      worker.start();
      try {
        worker.join(bound.toMillis());
        status = worker.isAlive() || failed.get() ? 1 : 0;
      } catch (InterruptedException e) {
        status = 1;
      }
      logger.info("{}: stopped", what);
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(status);
    }, "hakit-shutdown"));
    never.await(Long.MAX_VALUE, TimeUnit.DAYS);
  }
}
