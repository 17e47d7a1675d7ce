package io.hakit.vrrp;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a deadline, checking it every few milliseconds (bounded in time and count). */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition, Duration timeout, Supplier<String> description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < 100_000; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      LockSupport.parkNanos(2_000_000L);
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionError("not within " + timeout.toMillis() + " ms: " + description.get());
    }
  }
}
