package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** {@code balance leastconn}: fewest connections per unit of weight. */
final class LeastConnFactory extends BuiltInFactory {
  LeastConnFactory() {
    super("leastconn");
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
    return new LeastConnections(servers, settings);
  }
}
