package io.hakit.core.balance;

import io.hakit.core.model.Backend;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/**
 * A named balancing algorithm ({@code balance <name>}). Built-ins live in ha-proxy; users add their
 * own through {@link java.util.ServiceLoader} ({@code META-INF/services/io.hakit.core.balance.LoadBalancerFactory}).
 */
public interface LoadBalancerFactory {

  /** The name used after {@code balance} in haproxy.cfg. */
  String name();

  /** What the balancer needs before it can pick. */
  BalanceInput input();

  /**
   * Checks the {@code balance} arguments at configuration time.
   *
   * @throws IllegalArgumentException naming the argument and what was expected
   */
  default void validate(BalanceSpec spec) {
    if (!spec.args().isEmpty()) {
      throw new IllegalArgumentException("balance " + name() + ": unexpected argument '" + spec.args().get(0) + "'");
    }
  }

  /** True when the proxy should keep one balancer per event loop rather than share one. */
  default boolean perEventLoop() {
    return false;
  }

  /** A balancer over the backend's servers, in their configured order. */
  LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec);

  /**
   * A balancer for a backend, which may also read the backend-wide settings that shape balancing
   * besides {@code balance} ({@code option allbackups}, {@code hash-balance-factor}, server ids).
   * The proxy calls this one; the default ignores those settings.
   *
   * @param servers the live views of {@code backend.servers()}, in the same order
   */
  default LoadBalancer create(List<? extends ServerView> servers, Backend backend) {
    return create(servers, backend.balance());
  }
}
