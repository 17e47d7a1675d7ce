package io.hakit.vrrp.config;

import io.hakit.core.health.Health;
import io.hakit.core.health.HealthListener;
import io.hakit.core.health.HealthListeners;
import io.hakit.core.health.HealthSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code vrrp_script} as a {@link HealthSource}: runs {@code /bin/sh -c SCRIPT} every interval on
 * the runner's script threads (their own, never the interface poller's: a hung script must not
 * delay link tracking); exit status 0 within the timeout is a success. {@code rise}
 * successes in a row make it healthy, {@code fall} failures make it unhealthy (keepalived's
 * hysteresis). It starts healthy, or failed with {@code init_fail}. A run still going when the
 * timeout ends is killed, with every process it started, and counts as a failure (as keepalived
 * does). A run holds one script thread until it ends or times out.
 */
public final class ScriptHealthSource implements HealthSource, AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ScriptHealthSource.class);

  private final VrrpScriptSpec spec;
  private final HealthListeners listeners;
  private volatile Health current;
  private int successes; // confined to the script thread running check()
  private int failures;
  private @Nullable ScheduledFuture<?> task;

  public ScriptHealthSource(VrrpScriptSpec spec) {
    this.spec = spec;
    this.listeners = new HealthListeners("VRRP_Script(" + spec.name() + ")");
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
    return listeners.add(listener);
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
        killTree(p);
        return "timed out after " + spec.timeout().toMillis() + " ms";
      }
      int code = p.exitValue();
      return code == 0 ? null : "exited with status " + code;
    } catch (InterruptedException e) {
      killTree(p);
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * keepalived kills a script that overran its timeout, and what it started: the shell's
   * children first (collected while the shell still holds them), then the shell.
   */
  static void killTree(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private void set(Health h) {
    current = h;
    logger.info("VRRP_Script({}) {}: {}", spec.name(), h.isUp() ? "succeeded" : "failed", h.reason());
    listeners.notifyChange(this, h);
  }
}
