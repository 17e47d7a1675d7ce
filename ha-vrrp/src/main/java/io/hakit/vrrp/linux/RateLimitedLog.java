package io.hakit.vrrp.linux;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs each cause at WARN at most once a minute and at DEBUG otherwise, so that a flood of bad
 * packets or a failing call does not flood the log. Used by a single thread (not thread-safe).
 */
final class RateLimitedLog {
  private static final long QUIET_NANOS = 60_000_000_000L;

  private final Logger logger;
  private final Map<String, Long> lastWarned = new HashMap<>();

  RateLimitedLog(Logger logger) {
    this.logger = logger;
  }

  void warn(String cause, String format, Object... arguments) {
    long now = System.nanoTime();
    Long last = lastWarned.get(cause);
    if (last == null || now - last >= QUIET_NANOS) {
      lastWarned.put(cause, now);
      logger.warn(format, arguments);
    } else if (logger.isDebugEnabled()) {
      logger.debug(format, arguments);
    }
  }
}
