package io.hakit.vrrp.config;

import io.hakit.core.health.Health;
import io.hakit.core.health.HealthListener;
import io.hakit.core.health.HealthListeners;
import io.hakit.core.health.HealthSource;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interface's link state as a {@link HealthSource} ({@code track_interface}, and the instance's
 * own interface unless {@code dont_track_primary}): polled through {@link NetworkInterface} every
 * {@value #POLL_MILLIS} ms on the runner's link thread (scripts have threads of their own); down
 * or missing is unhealthy.
 */
public final class InterfaceHealthSource implements HealthSource, AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(InterfaceHealthSource.class);
  static final long POLL_MILLIS = 500;

  private final String interfaceName;
  private final HealthListeners listeners;
  private volatile Health current;
  private final AtomicLong polls = new AtomicLong();
  private @Nullable ScheduledFuture<?> task;

  public InterfaceHealthSource(String interfaceName) {
    this.interfaceName = interfaceName;
    this.listeners = new HealthListeners("interface " + interfaceName);
    this.current = probe();
  }

  @Override
  public String name() {
    return interfaceName;
  }

  @Override
  public Health current() {
    return current;
  }

  @Override
  public AutoCloseable subscribe(HealthListener listener) {
    return listeners.add(listener);
  }

  public synchronized void start(ScheduledExecutorService executor) {
    if (task == null) {
      task = executor.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** How many polls ran: lets a test see that polling goes on whatever the scripts do. */
  long polls() {
    return polls.get();
  }

  private void poll() {
    polls.incrementAndGet();
    Health h = probe();
    if (h.isUp() != current.isUp()) {
      current = h;
      logger.info("interface {} is {}", interfaceName, h.isUp() ? "up" : "down: " + h.reason());
      listeners.notifyChange(this, h);
    }
  }

  private Health probe() {
    try {
      NetworkInterface ni = NetworkInterface.getByName(interfaceName);
      if (ni == null) {
        return Health.down("no interface " + interfaceName);
      }
      return ni.isUp() ? Health.up("link up") : Health.down("link down");
    } catch (SocketException e) {
      return Health.down(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
