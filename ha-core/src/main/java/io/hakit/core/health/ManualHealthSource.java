package io.hakit.core.health;

import java.util.Objects;

/**
 * A {@link HealthSource} set by its owner: for wiring ("the proxy is listening"), for tests, and
 * for applications that decide their health themselves. Thread-safe.
 */
public final class ManualHealthSource implements HealthSource {
  private final String name;
  private final HealthListeners listeners;
  private volatile Health current;

  public ManualHealthSource(String name, Health initial) {
    this.name = Objects.requireNonNull(name, "name");
    this.listeners = new HealthListeners(name);
    this.current = Objects.requireNonNull(initial, "initial");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Health current() {
    return current;
  }

  /**
   * Sets the health; listeners hear of it only when the status changes. Setting and notifying
   * are one step, so that concurrent setters' notifications arrive in the order of the values
   * (the last one heard is {@link #current()}); listeners must therefore not block.
   */
  public synchronized void set(Health health) {
    Objects.requireNonNull(health, "health");
    Health previous = current;
    current = health;
    if (previous.status() != health.status()) {
      listeners.notifyChange(this, health);
    }
  }

  @Override
  public AutoCloseable subscribe(HealthListener listener) {
    return listeners.add(listener);
  }
}
