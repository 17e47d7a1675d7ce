package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** {@code balance random} and {@code random(<draws>)} (default 2 draws): random points on a consistent ring. */
final class RandomFactory extends BuiltInFactory {
  /** HAProxy's default number of draws (the power of two choices). */
  static final int DEFAULT_DRAWS = 2;

  RandomFactory() {
    super("random");
  }

  @Override
  public BalanceInput input() {
    return BalanceInput.NONE;
  }

  @Override
  public boolean perEventLoop() {
    return true;
  }

  @Override
  public void validate(BalanceSpec spec) {
    draws(spec);
    if (!spec.args().isEmpty()) {
      throw new IllegalArgumentException("balance " + spec.algorithm() + ": unexpected argument '"
          + spec.args().get(0) + "'");
    }
  }

  static int draws(BalanceSpec spec) {
    String inner = parenthesised(spec);
    if (inner == null) {
      return DEFAULT_DRAWS;
    }
    try {
      int draws = Integer.parseInt(inner.trim());
      if (draws >= 1) {
        return draws;
      }
    } catch (NumberFormatException e) {
      // reported below with the expectation
    }
    throw new IllegalArgumentException("balance random(" + inner + "): number of draws: '" + inner
        + "' (expected: an integer, 1 or more)");
  }

  @Override
  LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec, BalanceSettings settings) {
    return new ConsistentBalancer(servers, settings, null, draws(spec));
  }
}
