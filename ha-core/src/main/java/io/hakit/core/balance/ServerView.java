package io.hakit.core.balance;

import io.hakit.core.net.Endpoint;

/**
 * A balancer's read-only view of one server's live state. Implementations are owned by the proxy;
 * values change only through the {@link LoadBalancer} hooks' thread discipline (see there).
 */
public interface ServerView {
  /** Position of the server in its backend, 0-based and stable: lets balancers index arrays. */
  int index();

  String name();

  Endpoint address();

  /** The current effective weight, 0-256 (runtime changes and slowstart included). */
  int weight();

  /** The configured weight. */
  int initialWeight();

  boolean isBackup();

  /** UP for the health checks and not in maintenance. */
  boolean isUp();

  /** Connections to this server now open (leastconn's input). */
  int activeConnections();

  /** The server's maxconn, 0 = unlimited. */
  int maxConnections();

  /** True when the server may take one more connection without queueing. */
  default boolean hasFreeSlot() {
    int max = maxConnections();
    return max == 0 || activeConnections() < max;
  }
}
