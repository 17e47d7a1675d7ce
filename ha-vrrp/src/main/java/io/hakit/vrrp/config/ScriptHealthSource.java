package io.hakit.vrrp.config;

import io.hakit.core.health.Health;
import io.hakit.core.health.HealthListener;
import io.hakit.core.health.HealthSource;
import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code vrrp_script} as a {@link HealthSource}: runs {@code /bin/sh -c SCRIPT} every interval on
 * the runner's script threads; exit status 0 within the timeout is a success. {@code rise}
 * successes in a row make it healthy, {@code fall} failures make it unhealthy (keepalived's
 * hysteresis). It starts healthy, or failed with {@code init_fail}. A run still going when the
 * timeout ends is killed and counts as a failure.
 */
public final class ScriptHealthSource implements HealthSource, AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ScriptHealthSource.class);

  private final VrrpScriptSpec spec;
  private final CopyOnWriteArrayList<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Health current;
  private int successes; // confined to the script thread running check()
  private int failures;
  private @Nullable ScheduledFuture<?> task;

  public ScriptHealthSource(VrrpScriptSpec spec) {
    this.spec = spec;
    this.current = spec.initFail() ? Health.down("init_fail: not run yet") : Health.up("not run yet");
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public Health current() {
    return current;
  }

  @Override
  public AutoCloseable subscribe(HealthListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Runs the script now and then every interval (runs never overlap). */
  public synchronized void start(ScheduledExecutorService executor) {
    if (task == null) {
      task = executor.scheduleAtFixedRate(this::check, 0, spec.interval().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(true);
    }
  }

  /** One run; public for tests that drive it by hand. */
  void check() {
    String outcome = run();
    if (outcome == null) {
      successes++;
      failures = 0;
      if (!current.isUp() && successes >= spec.rise()) {
        set(Health.up("succeeded " + successes + " time(s)"));
      }
    } else {
      failures++;
      successes = 0;
      if (current.isUp() && failures >= spec.fall()) {
        set(Health.down(outcome));
      }
    }
  }

  /** Null on success, else what went wrong. */
  private @Nullable String run() {
    Process p;
    try {
      p = new ProcessBuilder("/bin/sh", "-c", spec.script()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return "cannot run: " + e.getMessage();
    }
    try {
      if (!p.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return "timed out after " + spec.timeout().toMillis() + " ms";
      }
      int code = p.exitValue();
      return code == 0 ? null : "exited with status " + code;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private void set(Health h) {
    current = h;
    logger.info("VRRP_Script({}) {}: {}", spec.name(), h.isUp() ? "succeeded" : "failed", h.reason());
    for (HealthListener l : listeners) {
      try {
        l.onHealthChanged(this, h);
      } catch (RuntimeException e) {
        logger.warn("VRRP_Script({}) listener failed", spec.name(), e);
      }
    }
  }
}
