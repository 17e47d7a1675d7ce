package io.hakit.proxy.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one timeout a connection waits on at a time (http-request, keep-alive, server, ...). Pushing
 * the deadline back on activity is a field write: the scheduled task, when it fires early, simply
 * reschedules itself for the remainder, so a busy connection does not churn the scheduler.
 * Confined to one event loop.
 *
 * @param <K> what the timeout stands for, passed back on expiry
 */
public final class DeadlineTimer<K> {
  private final EventLoop loop;
  private final Consumer<K> onExpiry;
  private @Nullable K kind;
  private long nanos;
  private long deadline;
  private long firesAt;
  private @Nullable ScheduledFuture<?> task;

  public DeadlineTimer(EventLoop loop, Consumer<K> onExpiry) {
    this.loop = loop;
    this.onExpiry = onExpiry;
  }

  /** Waits {@code nanos} for {@code kind}; 0 or less means no timeout (HAProxy: infinite). */
  public void arm(K kind, long nanos) {
    if (nanos <= 0) {
      this.kind = null;
      return;
    }
    this.kind = kind;
    this.nanos = nanos;
    deadline = System.nanoTime() + nanos;
    if (task == null || firesAt > deadline) {
      if (task != null) {
        task.cancel(false);
      }
      firesAt = deadline;
      task = loop.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Activity: the current timeout starts again from now. */
  public void touch() {
    if (kind != null) {
      deadline = System.nanoTime() + nanos;
    }
  }

  /** The timeout being waited on, or null. */
  public @Nullable K kind() {
    return kind;
  }

  public void cancel() {
    kind = null;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void fire() {
    task = null;
    K k = kind;
    if (k == null) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left > 0) {
      firesAt = deadline;
      task = loop.schedule(this::fire, left, TimeUnit.NANOSECONDS);
      return;
    }
    kind = null;
    onExpiry.accept(k);
  }
}
