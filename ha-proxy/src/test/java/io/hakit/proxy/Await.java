package io.hakit.proxy;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (polling, bounded in time), never a bare sleep. */
public final class Await {
  private Await() {}

  public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit + " waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
