package io.hakit.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * UP while every one of its sources is UP; DOWN with the first failing source's name and reason
 * otherwise. Listeners hear of status changes only, in order, and must not block. Thread-safe:
 * sources may report from any thread; recomputation and notification are serialised.
 */
public final class AllUpHealthSource implements HealthSource, AutoCloseable {
  private final String name;
  private final List<HealthSource> sources;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private final HealthListeners listeners;
  private volatile Health current;

  public AllUpHealthSource(String name, List<? extends HealthSource> sources) {
    this.name = Objects.requireNonNull(name, "name");
    this.listeners = new HealthListeners(name);
    this.sources = List.copyOf(sources);
    if (this.sources.isEmpty()) {
      throw new IllegalArgumentException("sources: empty (expected: at least one health source)");
    }
    this.current = compute();
    for (HealthSource s : this.sources) {
      subscriptions.add(s.subscribe((source, health) -> recompute()));
    }
    recompute();
  }

  private Health compute() {
    for (HealthSource s : sources) {
      Health h = s.current();
      if (!h.isUp()) {
        return Health.down(s.name() + ": " + h.reason());
      }
    }
    return Health.up("all of " + sources.size() + " up");
  }

  /** Recomputes and notifies as one step, so notifications keep the order of the values. */
  private synchronized void recompute() {
    Health previous = current;
    Health next = compute();
    current = next;
    if (previous.status() != next.status()) {
      listeners.notifyChange(this, next);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Health current() {
    return current;
  }

  @Override
  public AutoCloseable subscribe(HealthListener listener) {
    return listeners.add(listener);
  }

  /** Unsubscribes from the sources. */
  @Override
  public void close() {
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        throw new IllegalStateException("unsubscribing from a health source failed: " + e.getMessage(), e);
      }
    }
  }
}
