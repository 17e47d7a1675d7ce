package io.hakit.vrrp.config;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts keepalived's notify scripts (of instances and sync groups) away from the VRRP threads:
 * one {@code vrrp-notify} thread starts them with {@code /bin/sh -c}, in the order they were
 * asked for, and does not wait for them (a non-zero exit is logged when it happens). Asking never
 * blocks: at most {@value #MAX_PENDING} launches wait, a further one is dropped with a warning,
 * so a fork storm cannot hold up a state change. {@link #close} lets the waiting launches run
 * (the STOP scripts of a shutdown), then ends the thread.
 */
final class NotifyLauncher implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(NotifyLauncher.class);
  static final int MAX_PENDING = 256;

  /** Starts one command; the real one forks a shell, tests record. */
  @FunctionalInterface
  interface Starter {
    void start(String owner, String command);
  }

  private final Starter starter;
  private final ThreadPoolExecutor executor;

  NotifyLauncher() {
    this(NotifyLauncher::startShell);
  }

  NotifyLauncher(Starter starter) {
    this.starter = starter;
    executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_PENDING), r -> {
      Thread t = new Thread(r, "vrrp-notify");
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code command}; {@code owner} names the instance or group in logs ({@code VI_1}, {@code G1}). */
  void launch(String owner, String command) {
    try {
      executor.execute(() -> starter.start(owner, command));
    } catch (RejectedExecutionException e) {
      logger.warn("({}) notify script '{}' not run: {}", owner, command,
          executor.isShutdown() ? "stopped" : MAX_PENDING + " launches already waiting");
    }
  }

  private static void startShell(String owner, String command) {
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      logger.debug("({}) notify script started: {}", owner, command);
      p.onExit().thenAccept(done -> {
        if (done.exitValue() != 0) {
          logger.warn("({}) notify script '{}' exited with status {}", owner, command, done.exitValue());
        }
      });
    } catch (IOException e) {
      logger.warn("({}) cannot run notify script '{}': {}", owner, command, e.getMessage());
    }
  }

  /** Runs the launches already queued, then ends the thread; later launches are refused. */
  @Override
  public void close() {
    executor.shutdown();
  }

  /** After {@link #close}: waits until the queued launches ran and the thread ended, at most {@code millis}. */
  boolean awaitClosed(long millis) throws InterruptedException {
    return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }
}
