package io.hakit.proxy.balance;

import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.LoadBalancerFactory;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/**
 * What the built-in factories share: both {@code create} methods end in one that takes the
 * {@link BalanceSettings}, read from the backend when the proxy gives it, defaults otherwise.
 * Arguments are checked once by {@link #validate} (the registry calls it when the proxy is
 * built), not again for each event loop's instance.
 */
abstract class BuiltInFactory implements LoadBalancerFactory {
  private final String name;

  BuiltInFactory(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec) {
    return create(servers, spec, BalanceSettings.defaults(spec, servers.size()));
  }

  @Override
  public final LoadBalancer create(List<? extends ServerView> servers, Backend backend) {
    return create(servers, backend.balance(), BalanceSettings.of(backend));
  }

  abstract LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec, BalanceSettings settings);

  /** The text inside {@code name(...)} of a glued algorithm such as {@code hdr(Host)}, or null when bare. */
  static String parenthesised(BalanceSpec spec) {
    String a = spec.algorithm();
    int open = a.indexOf('(');
    if (open < 0) {
      return null;
    }
    if (!a.endsWith(")")) {
      throw new IllegalArgumentException("balance " + a + ": missing ')'");
    }
    return a.substring(open + 1, a.length() - 1);
  }
}
