package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.LoadBalancerFactory;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** A user balancer found through ServiceLoader in tests: always the first server that is up. */
public final class FirstServerFactory implements LoadBalancerFactory {
  @Override
  public String name() {
    return "test-first";
  }

  @Override
  public BalanceInput input() {
    return BalanceInput.NONE;
  }

  @Override
  public LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec) {
    return request -> servers.stream().filter(ServerView::isUp).findFirst().orElse(null);
  }
}
