package io.hakit.proxy.balance;

import io.hakit.core.balance.ServerView;

/**
 * A static table with one slot per unit of weight, the servers spread evenly through it
 * (HAProxy's {@code map-based} table): {@code static-rr} walks it, map-based hashing indexes it
 * by {@code hash % size}. Weights are first divided by the greatest common divisor of all the
 * backend's weights, and the slots are filled in the same order as HAProxy fills its map, so a
 * hash lands on the same server. Immutable once built.
 */
final class WeightMap {
  static final WeightMap EMPTY = new WeightMap(new ServerView[0]);

  private final ServerView[] slots;

  private WeightMap(ServerView[] slots) {
    this.slots = slots;
  }

  int size() {
    return slots.length;
  }

  ServerView at(int slot) {
    return slots[slot];
  }

  /** The slot of an unsigned 32-bit hash. */
  int slotOf(int hash) {
    return Integer.remainderUnsigned(hash, slots.length);
  }

  /**
   * The table for the first {@code n} servers of {@code group}; {@code all} (the whole backend)
   * gives the common divisor of the weights.
   */
  static WeightMap build(ServerView[] all, ServerView[] group, int n) {
    int gcd = 0;
    for (ServerView s : all) {
      gcd = gcd(gcd, s.weight());
    }
    if (gcd == 0 || n == 0) {
      return EMPTY;
    }
    int[] weight = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = group[i].weight() / gcd;
      total += weight[i];
    }
    if (total == 0) {
      return EMPTY;
    }
    ServerView[] slots = new ServerView[total];
    int[] score = new int[n];
    for (int slot = 0; slot < total; slot++) {
      // Every server earns its weight; the one furthest ahead (the first on a tie, so declaration
      // order wins) takes the slot and pays the total back: slots interleave by weight.
      int best = -1;
      int max = 0;
      for (int i = 0; i < n; i++) {
        score[i] += weight[i];
        int v = (score[i] + total) / total;
        if (best < 0 || v > max) {
          max = v;
          best = i;
        }
      }
      slots[slot] = group[best];
      score[best] -= total;
    }
    return new WeightMap(slots);
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
