package io.hakit.core.model;

import io.hakit.core.Origin;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server's idle keep-alive connections are kept for reuse: HAProxy 2.6's server keywords
 * {@code pool-max-conn}, {@code pool-low-conn} and {@code pool-purge-delay}.
 *
 * @param maxConn idle connections kept at most for the server, -1 = unlimited (the default),
 *     0 = none (no connection is ever reused)
 * @param lowConn idle connections kept beyond the estimated need (default 0)
 * @param purgeDelay how often the surplus of idle connections is halved (default 5 s);
 *     zero keeps no idle connection
 */
public record IdleConnectionPool(int maxConn, int lowConn, Duration purgeDelay) {
  public static final int UNLIMITED = -1;
  public static final Duration DEFAULT_PURGE_DELAY = Duration.ofSeconds(5);
  /** HAProxy's defaults: unlimited, no low threshold, purged every 5 s. */
  public static final IdleConnectionPool DEFAULT = new IdleConnectionPool(UNLIMITED, 0, DEFAULT_PURGE_DELAY);

  public IdleConnectionPool {
    Checks.range(maxConn, UNLIMITED, Integer.MAX_VALUE, "pool-max-conn", Origin.UNKNOWN);
    Checks.nonNegative(lowConn, "pool-low-conn", Origin.UNKNOWN);
    Objects.requireNonNull(purgeDelay, "purgeDelay");
    if (purgeDelay.isNegative()) {
      throw new ModelException(Origin.UNKNOWN, "pool-purge-delay: " + purgeDelay + " (expected: >= 0)");
    }
  }

  /** Whether a connection may be kept idle at all (HAProxy keeps none with either set to 0). */
  public boolean keepsIdle() {
    return maxConn != 0 && !purgeDelay.isZero();
  }

  public IdleConnectionPool withMaxConn(int max) {
    return new IdleConnectionPool(max, lowConn, purgeDelay);
  }

  public IdleConnectionPool withLowConn(int low) {
    return new IdleConnectionPool(maxConn, low, purgeDelay);
  }

  public IdleConnectionPool withPurgeDelay(Duration delay) {
    return new IdleConnectionPool(maxConn, lowConn, delay);
  }
}
