package io.hakit.core.health;

/**
 * Something whose health another component tracks: a proxy for VRRP (keepalived's
 * {@code track_script chk_haproxy}), a backend, a script. Listeners are called on the thread that
 * observed the change, after {@link #current()} already returns the new value.
 */
public interface HealthSource {
  /** A name for logs ({@code chk_haproxy}). */
  String name();

  Health current();

  /** Subscribes; closing the returned handle unsubscribes. */
  AutoCloseable subscribe(HealthListener listener);
}
