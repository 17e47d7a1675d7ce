package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** {@code balance roundrobin}: smooth weighted round robin, runtime weights taken at once. */
final class RoundRobinFactory extends BuiltInFactory {
  RoundRobinFactory() {
    super("roundrobin");
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
    return new SmoothWeightedRoundRobin(servers, settings.allBackups());
  }
}
