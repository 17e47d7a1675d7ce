package io.hakit.proxy.internal;

import io.netty.channel.EventLoop;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one timeout a connection waits on at a time (http-request, keep-alive, server, ...).
 *
 * <p>Memory: a timer is one small object, with no scheduled task of its own. The timers of an
 * event loop that wait the same duration are linked in one {@link TimerLane}, in the order they
 * were armed, which is also the order of their deadlines; the lane has one scheduled task for its
 * earliest timer. Arming, pushing the deadline back on activity (a field write) and cancelling
 * are O(1) and allocate nothing, so 10,000 idle keep-alive connections cost 10,000 of these and a
 * handful of scheduled tasks, not 10,000 of them.
 *
 * <p>Confined to its event loop: create it, arm, touch and cancel it on that loop's thread.
 *
 * @param <K> what the timeout stands for, passed back on expiry
 */
public final class DeadlineTimer<K> {
  private final Consumer<K> onExpiry;
  private @Nullable K kind;
  /** When the timeout expires (System.nanoTime()), pushed back by {@link #touch}. */
  long deadline;
  /** The deadline this timer is sorted by in its lane; never later than {@link #deadline}. */
  long key;
  @Nullable DeadlineTimer<?> prev;
  @Nullable DeadlineTimer<?> next;
  /** The lane this timer is linked in, or null when it waits on nothing. */
  @Nullable TimerLane lane;

  /**
   * @param loop the event loop that owns the connection; this constructor runs on its thread
   * @throws IllegalStateException when called from another thread
   */
  public DeadlineTimer(EventLoop loop, Consumer<K> onExpiry) {
    TimerLanes.of(loop);
    this.onExpiry = onExpiry;
  }

  /** Waits {@code nanos} for {@code kind}; 0 or less means no timeout (HAProxy: infinite). */
  public void arm(K kind, long nanos) {
    if (nanos <= 0) {
      cancel();
      return;
    }
    this.kind = kind;
    deadline = System.nanoTime() + nanos;
    TimerLane target = TimerLanes.current().lane(nanos);
    if (lane != target) {
      if (lane != null) {
        lane.unlink(this);
      }
      target.append(this);
    }
    // Already in the right lane: its key is earlier than the new deadline, which is allowed.
  }

  /** Activity: the current timeout starts again from now. */
  public void touch() {
    TimerLane l = lane;
    if (l != null) {
      deadline = System.nanoTime() + l.nanos;
    }
  }

  /** The timeout being waited on, or null. */
  public @Nullable K kind() {
    return kind;
  }

  public void cancel() {
    kind = null;
    if (lane != null) {
      lane.unlink(this);
    }
  }

  /** Called by the lane, already unlinked: the timeout has expired. */
  void expire() {
    K k = kind;
    kind = null;
    if (k != null) {
      onExpiry.accept(k);
    }
  }
}
