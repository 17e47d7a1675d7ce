package io.hakit.vrrp;

import io.hakit.core.health.HealthSource;
import java.util.Objects;

/**
 * A health source an instance tracks, with keepalived's weight rules: weight 0 forces FAULT while
 * the source is down; a positive weight is added while it is up; a negative one is added while it
 * is down.
 */
record TrackedSource(HealthSource source, int weight) {
  TrackedSource {
    Objects.requireNonNull(source, "source");
  }

  /** This source's contribution to the priority now. */
  int adjustment(boolean up) {
    if (weight > 0) {
      return up ? weight : 0;
    }
    return up ? 0 : weight;
  }
}
