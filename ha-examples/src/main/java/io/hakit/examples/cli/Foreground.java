package io.hakit.examples.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service in the foreground the way {@code haproxy -db} and {@code keepalived -n} do, for
 * every long-running {@code hakit} command: the calling thread starts the service and then waits;
 * SIGTERM or SIGINT runs the graceful stop (bounded by a deadline) and the process exits 0, as
 * those daemons do after a clean stop (1 if the stop failed or overran). The JVM's own status
 * after SIGTERM would be 143: the shutdown hook halts with the right one instead.
 *
 * <p>The hook is in place before the start begins, so a signal during the start also stops what
 * did start. A start that fails is followed by the stop (awaited, bounded), and
 * {@link #run} returns {@value #START_FAILED}.
 *
 * <p>Threads: the caller's thread starts and then parks; the stop runs on {@code hakit-stop},
 * watched by the {@code hakit-shutdown} hook thread. The stop runs once, whichever asks first.
 */
public final class Foreground {
  private static final Logger logger = LoggerFactory.getLogger(Foreground.class);
  /** The exit status when the service cannot start. */
  public static final int START_FAILED = 2;

  private Foreground() {}

  /** Brings the service up; returns once it runs. */
  @FunctionalInterface
  public interface StartAction {
    void start() throws Exception;
  }

  /** A graceful stop that may throw. */
  @FunctionalInterface
  public interface StopAction {
    void stop() throws Exception;
  }

  /**
   * Starts the service and runs it until the JVM is asked to shut down; then stops it (at most
   * {@code stopBound}) and halts the JVM. Returns only when the start fails: then the stop has
   * run, the reason is printed on {@code err} as {@code WHAT: cannot start: REASON}, and the
   * result is {@value #START_FAILED}.
   */
  public static int run(String what, StartAction start, Duration stopBound, StopAction stop, PrintStream err)
      throws InterruptedException {
    AtomicBoolean stopClaimed = new AtomicBoolean();
    CountDownLatch failedStartStopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      if (!stopClaimed.compareAndSet(false, true)) {
        // The failed start's stop runs on the caller's thread: the JVM must not end under it.
        awaitQuietly(failedStartStopped, stopBound);
        return;
      }
      logger.info("{}: stopping (signal)", what);
      int status = stopWithin(what, stopBound, stop);
      logger.info("{}: stopped{}", what, status == 0 ? "" : " (incompletely)");
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(status);
    }, "hakit-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      start.start();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (!stopClaimed.compareAndSet(false, true)) {
        parkUntilHalted(); // a signal came during the start: the hook stops and ends the process
      }
      removeHook(hook);
      err.println(what + ": cannot start: " + reason(e));
      try {
        if (stopWithin(what, stopBound, stop) != 0) {
          err.println(what + ": incomplete stop after the failed start (see the log)");
        }
      } finally {
        failedStartStopped.countDown();
      }
      err.flush();
      return START_FAILED;
    }
    parkUntilHalted();
    return 0; // not reached: only the hook ends the process from here on
  }

  /** Runs {@code stop} on its own thread; 0 when it completed within {@code bound}, else 1. */
  private static int stopWithin(String what, Duration bound, StopAction stop) {
    AtomicBoolean failed = new AtomicBoolean();
    Thread worker = new Thread(() -> {
      try {
        stop.stop();
      } catch (Exception e) {
        logger.warn("{}: stop failed: {}", what, reason(e));
        failed.set(true);
      }
    }, "hakit-stop");
    worker.start();
    try {
      worker.join(Math.max(1, bound.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (worker.isAlive()) {
      logger.warn("{}: stop still running after {} ms; giving up on it", what, bound.toMillis());
      return 1;
    }
    return failed.get() ? 1 : 0;
  }

  private static void awaitQuietly(CountDownLatch latch, Duration bound) {
    try {
      latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void parkUntilHalted() throws InterruptedException {
    new CountDownLatch(1).await();
  }

  private static String reason(Exception e) {
    Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway and finds the stop claimed
    }
  }
}
