package io.hakit.proxy.balance;

import io.hakit.core.balance.ServerView;
import java.util.Arrays;

/**
 * A consistent-hash ring ({@code hash-type consistent}): each server owns {@value #NODES_PER_WEIGHT}
 * points per unit of weight, placed by hashing its id with the point's number, so a server's
 * points do not depend on the others: when one goes down only the keys it owned move. A key goes
 * to the closer of the points just before and just after it. Point positions follow HAProxy's
 * (id times 4096 plus the point number, avalanched), so with the same ids the rings agree.
 * Immutable once built.
 */
final class ConsistentRing {
  /** Points per unit of weight (HAProxy's weight scale). */
  static final int NODES_PER_WEIGHT = 16;
  private static final int ID_STRIDE = 256 * NODES_PER_WEIGHT;
  static final ConsistentRing EMPTY = new ConsistentRing(new int[0], new ServerView[0]);

  /** Point positions, ascending as unsigned ints. */
  private final int[] keys;
  private final ServerView[] owners;

  private ConsistentRing(int[] keys, ServerView[] owners) {
    this.keys = keys;
    this.owners = owners;
  }

  int size() {
    return keys.length;
  }

  ServerView owner(int node) {
    return owners[node];
  }

  /** The first {@code n} servers of {@code group}, their ids taken from {@code ids} by index. */
  static ConsistentRing build(ServerView[] group, int n, int[] ids) {
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += group[i].weight() * NODES_PER_WEIGHT;
    }
    if (total == 0) {
      return EMPTY;
    }
    // Sort (position, server) pairs packed in longs: the sign bit flipped so signed order is
    // the unsigned order of positions; the server's slot in the group in the low bits.
    long[] packed = new long[total];
    int k = 0;
    for (int i = 0; i < n; i++) {
      ServerView s = group[i];
      int points = s.weight() * NODES_PER_WEIGHT;
      int base = ids[s.index()] * ID_STRIDE;
      for (int p = 0; p < points; p++) {
        int key = HashFunction.avalanche(base + p);
        packed[k++] = ((long) (key ^ Integer.MIN_VALUE) << 32) | i;
      }
    }
    Arrays.sort(packed);
    int[] keys = new int[total];
    ServerView[] owners = new ServerView[total];
    for (int j = 0; j < total; j++) {
      keys[j] = (int) (packed[j] >>> 32) ^ Integer.MIN_VALUE;
      owners[j] = group[(int) packed[j]];
    }
    return new ConsistentRing(keys, owners);
  }

  /** The point a hash maps to: the nearer of its two neighbours, the one before on a tie. */
  int nodeOf(int hash) {
    int next = ceiling(hash);
    int prev = (next == 0 ? keys.length : next) - 1;
    if (next == keys.length) {
      next = 0;
    }
    int before = hash - keys[prev];
    int after = keys[next] - hash;
    return Integer.compareUnsigned(before, after) <= 0 ? prev : next;
  }

  /** The first point at or after {@code hash} (unsigned), or {@code size()} when none. */
  private int ceiling(int hash) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Integer.compareUnsigned(keys[mid], hash) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
