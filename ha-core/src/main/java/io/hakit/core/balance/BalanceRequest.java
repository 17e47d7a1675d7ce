package io.hakit.core.balance;

import org.jspecify.annotations.Nullable;

/**
 * What a balancer may look at to pick a server. The proxy supplies only what the factory declared
 * in {@link LoadBalancerFactory#input()}; other methods may return null.
 */
public interface BalanceRequest {
  /** The client's address bytes (4 or 16), or null when not available. */
  byte @Nullable [] sourceAddress();

  /** The HTTP method, or null in TCP mode. */
  @Nullable String method();

  /** The request target as received (path and query), or null in TCP mode. */
  @Nullable String uri();

  /** The first value of a request header (case-insensitive name), or null. */
  @Nullable String header(String name);

  /**
   * True for a server the pick must avoid, such as the one a redispatched request just failed on.
   * A balancer that finds only excluded servers may still return one of them.
   */
  default boolean isExcluded(ServerView server) {
    return false;
  }

  /** A request that carries nothing: for balancers whose input is {@link BalanceInput#NONE}. */
  BalanceRequest EMPTY = new BalanceRequest() {
    @Override
    public byte @Nullable [] sourceAddress() {
      return null;
    }

    @Override
    public @Nullable String method() {
      return null;
    }

    @Override
    public @Nullable String uri() {
      return null;
    }

    @Override
    public @Nullable String header(String name) {
      return null;
    }
  };
}
