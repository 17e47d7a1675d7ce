package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;

/**
 * What a hash-based balancer hashes in a request ({@code source}, {@code uri}, {@code url_param},
 * {@code hdr}), and how. Implementations are immutable and allocate nothing per request.
 */
interface HashKey {
  /** Returned by {@link #hash} when the request lacks the key: the balancer falls back to round robin. */
  long ABSENT = -1L;

  /** The key's 32-bit hash (as an unsigned value in a long), or {@link #ABSENT}. */
  long hash(BalanceRequest request, Method method);

  /**
   * The backend's {@code hash-type}: the function, the {@code avalanche} modifier, and whether the
   * result feeds a consistent ring (where the source address is always avalanched).
   */
  record Method(HashFunction function, boolean avalanche, boolean consistent) {
    /** Applies the modifier to a function's result and widens it to an unsigned long. */
    long finish(int hash) {
      return Integer.toUnsignedLong(avalanche ? HashFunction.avalanche(hash) : hash);
    }
  }
}
