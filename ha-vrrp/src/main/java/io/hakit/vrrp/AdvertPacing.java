package io.hakit.vrrp;

import io.hakit.vrrp.transport.PacedSender;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a master's next timed adverts queued in the kernel ({@link PacedSender}), so that they leave
 * exactly on their deadlines even while the JVM is stopped at a safepoint (G1 and Parallel young
 * pauses of 100-500 ms were measured under allocation load, longer than the 361 ms a 100 ms VRRPv3
 * backup waits) or while the scheduler thread waits for a CPU. The scheduler still wakes on every
 * deadline; it then skips the send the kernel already made and tops the queue up.
 *
 * <p>A plan is a run of deadlines {@code first, first + interval, ...} at one priority. It is
 * replaced (the queued adverts cancelled) when the priority changes or the state machine's next
 * deadline leaves the plan's grid, and dropped when the instance stops advertising; a priority-0
 * advert is always preceded by a cancel, so nothing older follows it. How far ahead it queues bounds
 * how long adverts continue after the JVM freezes for good (a dead process's queue dies with it).
 *
 * <p>Threading: confined to the scheduler thread.
 */
final class AdvertPacing implements PacedSender.Outcomes {
  private static final Logger logger = LoggerFactory.getLogger(AdvertPacing.class);

  private final String name;
  private final PacedSender sender;
  private final EncodedAdverts adverts;
  private final VrrpCounters counters;
  private final long intervalNanos;
  private final int ahead;
  private boolean active;
  private int priority;
  private long first;
  private long end; // one interval past the last queued deadline

  AdvertPacing(String name, PacedSender sender, EncodedAdverts adverts, VrrpCounters counters, long intervalNanos,
      int ahead) {
    this.name = name;
    this.sender = sender;
    this.adverts = adverts;
    this.counters = counters;
    this.intervalNanos = intervalNanos;
    this.ahead = Math.max(1, Math.min(ahead, sender.capacity() / adverts.destinations().size()));
  }

  /** How many adverts ahead of the next deadline are queued. */
  int ahead() {
    return ahead;
  }

  /** True when the timed advert of {@code deadline} at {@code priority} was queued in the kernel. */
  boolean covers(long deadline, int advertPriority) {
    return active && advertPriority == priority && deadline - first >= 0 && end - deadline > 0
        && (deadline - first) % intervalNanos == 0;
  }

  /** Makes the kernel hold the adverts for {@code next} and the deadlines after it, at {@code advertPriority}. */
  void plan(long next, int advertPriority) {
    sender.reap(this);
    if (active && (advertPriority != priority || next - first < 0 || (next - first) % intervalNanos != 0)) {
      cancel();
    }
    if (!active) {
      active = true;
      priority = advertPriority;
      first = next;
      end = next;
    }
    List<?> destinations = adverts.destinations();
    try {
      while (end - next < ahead * intervalNanos && sender.capacity() - sender.queued() >= destinations.size()) {
        for (int i = 0; i < destinations.size(); i++) {
          sender.sendAt(adverts.message(priority, i), adverts.destinations().get(i), end);
        }
        end += intervalNanos;
      }
    } catch (IOException | RuntimeException e) {
      long n = counters.onSendError();
      if ((n & (n - 1)) == 0) {
        logger.warn("({}) cannot queue a timed advert in the kernel: {} ({} errors so far)", name, e.toString(), n);
      }
    }
  }

  /** Cancels the queued adverts (before a priority-0 advert, on leaving MASTER, on a new plan). */
  void cancel() {
    if (!active) {
      return;
    }
    active = false;
    try {
      sender.cancelAll();
    } catch (IOException | RuntimeException e) {
      logger.warn("({}) cannot cancel the adverts queued in the kernel: {}", name, e.toString());
    }
    sender.reap(this);
  }

  void close() {
    active = false;
    sender.close();
  }

  @Override
  public void sent(long deadlineNanos) {
    counters.onAdvertSent();
  }

  @Override
  public void failed(long deadlineNanos, String error) {
    long n = counters.onSendError();
    if ((n & (n - 1)) == 0) {
      logger.warn("({}) timed advert not sent: {} ({} errors so far)", name, error, n);
    }
  }
}
