package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;

/**
 * {@code balance source}: the client address's 32-bit words XORed together (one word for IPv4,
 * four for IPv6), not run through the hash function, as HAProxy does; a consistent ring gets it
 * avalanched.
 */
final class SourceKey implements HashKey {
  static final SourceKey INSTANCE = new SourceKey();

  private SourceKey() {}

  @Override
  public long hash(BalanceRequest request, Method method) {
    byte[] a = request.sourceAddress();
    if (a == null || a.length < 4) {
      return ABSENT;
    }
    int h = 0;
    for (int i = 0; i + 4 <= a.length; i += 4) {
      h ^= ((a[i] & 0xff) << 24) | ((a[i + 1] & 0xff) << 16) | ((a[i + 2] & 0xff) << 8) | (a[i + 3] & 0xff);
    }
    return Integer.toUnsignedLong(method.consistent() ? HashFunction.avalanche(h) : h);
  }
}
