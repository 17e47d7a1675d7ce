package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/**
 * {@code balance <algorithm> [<arguments>]} plus the backend's {@code hash-type}. Only the name and
 * arguments are kept here: the proxy binds the name to a balancer implementation when it is built
 * (HAProxy parses {@code balance} apart from its {@code lb_ops} too).
 */
public record BalanceSpec(String algorithm, List<String> args, HashSpec hash, Origin origin) {
  /** HAProxy's default algorithm. */
  public static final BalanceSpec ROUND_ROBIN = new BalanceSpec("roundrobin", List.of(), HashSpec.DEFAULT, Origin.UNKNOWN);

  public BalanceSpec {
    Objects.requireNonNull(origin, "origin");
    if (algorithm == null || algorithm.isEmpty()) {
      throw new ModelException(origin, "balance: algorithm: empty (expected: roundrobin, leastconn, source, ...)");
    }
    args = List.copyOf(args);
    Objects.requireNonNull(hash, "hash");
  }

  public static BalanceSpec of(String algorithm, String... args) {
    return new BalanceSpec(algorithm, List.of(args), HashSpec.DEFAULT, Origin.UNKNOWN);
  }
}
