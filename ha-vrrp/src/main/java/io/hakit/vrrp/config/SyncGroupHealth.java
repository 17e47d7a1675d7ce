package io.hakit.vrrp.config;

import io.hakit.core.health.Health;
import io.hakit.core.health.HealthListener;
import io.hakit.core.health.HealthListeners;
import io.hakit.core.health.HealthSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sync group's shared fault: down while any member's own fault source (a weight-0 script or
 * interface) is down. Every member tracks it with weight 0, so one member's fault is every
 * member's. It looks at the sources, not at the members' states, so it cannot latch itself.
 */
final class SyncGroupHealth implements HealthSource, AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(SyncGroupHealth.class);

  private final String group;
  private final List<HealthSource> sources;
  private final HealthListeners listeners;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private volatile Health current;

  SyncGroupHealth(String group, List<HealthSource> sources) {
    this.group = group;
    this.listeners = new HealthListeners("sync group " + group);
    this.sources = List.copyOf(sources);
    this.current = evaluate();
    for (HealthSource s : this.sources) {
      subscriptions.add(s.subscribe((source, health) -> changed()));
    }
  }

  @Override
  public String name() {
    return "sync group " + group;
  }

  @Override
  public Health current() {
    return current;
  }

  @Override
  public AutoCloseable subscribe(HealthListener listener) {
    return listeners.add(listener);
  }

  private synchronized void changed() {
    Health h = evaluate();
    if (h.isUp() != current.isUp()) {
      current = h;
      listeners.notifyChange(this, h);
    }
  }

  private Health evaluate() {
    for (HealthSource s : sources) {
      Health h = s.current();
      if (!h.isUp()) {
        return Health.down("member source " + s.name() + " failed: " + h.reason());
      }
    }
    return Health.up("all members healthy");
  }

  @Override
  public void close() {
    for (AutoCloseable c : subscriptions) {
      try {
        c.close();
      } catch (Exception e) {
        logger.debug("sync group {}: unsubscribe failed: {}", group, e.toString());
      }
    }
  }
}
