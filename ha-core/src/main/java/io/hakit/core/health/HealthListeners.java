package io.hakit.core.health;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one {@link HealthSource}, for its implementations: {@link #add} is what
 * {@link HealthSource#subscribe} returns, {@link #notifyChange} tells every listener of a change.
 * A listener that throws is logged and skipped: one failing listener must not keep the others (a
 * VRRP instance's tracking) uninformed.
 *
 * <p>Threading: listeners may subscribe and unsubscribe from any thread at any time.
 * {@link #notifyChange} calls them on the calling thread, one after another in subscription order;
 * a listener subscribing during a notification may or may not hear of it. Callers that need
 * notifications in the order of the values notify while holding their own lock (see
 * {@link ManualHealthSource#set}), so listeners must not block.
 */
public final class HealthListeners {
  private static final Logger logger = LoggerFactory.getLogger(HealthListeners.class);

  private final String owner;
  private final CopyOnWriteArrayList<HealthListener> listeners = new CopyOnWriteArrayList<>();

  /** {@code owner} names the source in the warning logged for a failing listener. */
  public HealthListeners(String owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** Subscribes {@code listener}; closing the handle unsubscribes it (closing twice is harmless). */
  public AutoCloseable add(HealthListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Tells every listener that {@code source} now has {@code health}, isolating failures. */
  public void notifyChange(HealthSource source, Health health) {
    for (HealthListener l : listeners) {
      try {
        l.onHealthChanged(source, health);
      } catch (RuntimeException e) {
        logger.warn("({}) health listener {} failed; the others were told", owner, l, e);
      }
    }
  }

  /** How many listeners are subscribed now. */
  public int size() {
    return listeners.size();
  }
}
