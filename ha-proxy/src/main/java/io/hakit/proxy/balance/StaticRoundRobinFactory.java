package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** {@code balance static-rr}: servers in turn through a weighted {@link WeightMap}. */
final class StaticRoundRobinFactory extends BuiltInFactory {
  StaticRoundRobinFactory() {
    super("static-rr");
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
  LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec, BalanceSettings settings) {
    return new MapBalancer(servers, settings, null);
  }
}
