package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.LoadBalancerFactory;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** {@code balance roundrobin} (and {@code static-rr}, which differs only in not taking runtime weights). */
final class RoundRobinFactory implements LoadBalancerFactory {
  private final String name;

  RoundRobinFactory(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
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
  public LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec) {
    return new SmoothWeightedRoundRobin(servers);
  }
}
