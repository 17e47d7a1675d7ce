package io.hakit.proxy.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The armed {@link DeadlineTimer}s of one event loop that wait one same duration, in a doubly
 * linked list sorted by key: appending at the tail keeps it sorted, since every new key is now plus
 * the same duration. A timer touched since it was linked has a deadline later than its key; when
 * its key comes up it moves back to the place of its real deadline instead of expiring. One task is
 * scheduled on the loop, for the head's key. Confined to the loop.
 */
final class TimerLane implements Runnable {
  private static final long NOT_SCHEDULED = Long.MIN_VALUE;

  final long nanos;
  private final EventLoop loop;
  private @Nullable DeadlineTimer<?> head;
  private @Nullable DeadlineTimer<?> tail;
  /** When the scheduled task runs, or NOT_SCHEDULED; a task running early reschedules itself. */
  private long firesAt = NOT_SCHEDULED;

  TimerLane(EventLoop loop, long nanos) {
    this.loop = loop;
    this.nanos = nanos;
  }

  void append(DeadlineTimer<?> t) {
    t.key = t.deadline;
    t.lane = this;
    t.next = null;
    t.prev = tail;
    if (tail == null) {
      head = t;
    } else {
      tail.next = t;
    }
    tail = t;
    scheduleForHead(System.nanoTime());
  }

  void unlink(DeadlineTimer<?> t) {
    DeadlineTimer<?> p = t.prev;
    DeadlineTimer<?> n = t.next;
    if (p == null) {
      head = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      tail = p;
    } else {
      n.prev = p;
    }
    t.prev = null;
    t.next = null;
    t.lane = null;
  }

  /** The scheduled task: expires the timers whose deadline has passed. */
  @Override
  public void run() {
    firesAt = NOT_SCHEDULED;
    long now = System.nanoTime();
    DeadlineTimer<?> t;
    while ((t = head) != null && t.key - now <= 0) {
      unlink(t);
      if (t.deadline - now <= 0) {
        t.expire();
      } else {
        insertSorted(t);
      }
    }
    scheduleForHead(now);
  }

  /** Links a touched timer at the place of its deadline, searching from the tail (usually short). */
  private void insertSorted(DeadlineTimer<?> t) {
    t.key = t.deadline;
    t.lane = this;
    DeadlineTimer<?> after = tail;
    while (after != null && after.key - t.key > 0) {
      after = after.prev;
    }
    t.prev = after;
    t.next = after == null ? head : after.next;
    if (after == null) {
      head = t;
    } else {
      after.next = t;
    }
    if (t.next == null) {
      tail = t;
    } else {
      t.next.prev = t;
    }
  }

  private void scheduleForHead(long now) {
    DeadlineTimer<?> h = head;
    if (h == null || (firesAt != NOT_SCHEDULED && firesAt - h.key <= 0)) {
      return;
    }
    firesAt = h.key;
    loop.schedule(this, Math.max(0, h.key - now), TimeUnit.NANOSECONDS);
  }
}
