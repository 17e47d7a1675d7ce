package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import java.util.List;

/** {@code balance first}: the lowest id with a free slot; stateless, so one shared instance. */
final class FirstFactory extends BuiltInFactory {
  FirstFactory() {
    super("first");
  }

  @Override
  public BalanceInput input() {
    return BalanceInput.NONE;
  }

  @Override
  LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec, BalanceSettings settings) {
    return new FirstAvailable(servers, settings);
  }
}
