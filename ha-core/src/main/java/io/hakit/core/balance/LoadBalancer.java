package io.hakit.core.balance;

import org.jspecify.annotations.Nullable;

/**
 * One backend's balancing state (HAProxy's {@code lb_ops}). {@link #pick} is on the hot path and
 * must be cheap; the hooks keep precomputed state current when servers change.
 *
 * <p>Threading: the proxy calls {@code pick} and the hooks from its event loops. An
 * implementation is either confined to one loop (the proxy creates one instance per event loop
 * when {@link LoadBalancerFactory#perEventLoop()} is true) or thread-safe.
 */
public interface LoadBalancer {

  /**
   * The server for this request, or null when no server can take it (all down, or all full and
   * the caller should queue). Active servers are preferred; backup servers are used only when no
   * active server is up.
   */
  @Nullable ServerView pick(BalanceRequest request);

  /** A server went UP or DOWN (health checks, maintenance). */
  default void onServerStateChanged(ServerView server) {}

  /** A server's effective weight changed (runtime API, slowstart). */
  default void onWeightChanged(ServerView server) {}

  /** A connection to the server was opened (after a pick). */
  default void onConnectionOpened(ServerView server) {}

  /** A connection to the server was closed. */
  default void onConnectionClosed(ServerView server) {}
}
