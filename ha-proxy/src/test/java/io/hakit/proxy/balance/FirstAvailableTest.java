package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.model.Backend;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.Server;
import io.hakit.core.model.Setting;
import io.hakit.core.net.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstAvailableTest {

  @Test
  void pick_fillsServersInOrderUpToMaxconn() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    s.forEach(f -> f.maxconn = 2);
    LoadBalancer lb = Balancers.create(s, "first");
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      FakeServer f = (FakeServer) lb.pick(BalanceRequest.EMPTY);
      if (f == null) {
        order.append('-');
        continue;
      }
      order.append(f.name);
      f.active++;
    }
    assertThat(order).hasToString("aabbcc-");
    s.get(0).active--;
    assertThat(lb.pick(BalanceRequest.EMPTY)).isSameAs(s.get(0));
  }

  @Test
  void pick_ignoresWeightButNotZeroWeightDownOrExcluded() {
    List<FakeServer> s = FakeServer.weighted(0, 1, 9);
    LoadBalancer lb = Balancers.create(s, "first");
    assertThat(lb.pick(BalanceRequest.EMPTY)).isSameAs(s.get(1));
    assertThat(lb.pick(TestRequest.uri("/").excluding(s.get(1)))).isSameAs(s.get(2));
    s.get(1).up = false;
    assertThat(lb.pick(BalanceRequest.EMPTY)).isSameAs(s.get(2));
  }

  @Test
  void pick_serverIds_orderTheServers() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    Backend.Builder b = Backend.builder("be").balance(Balancers.spec("first", HashSpec.DEFAULT));
    b.server(Server.builder("a", Endpoint.of("127.0.0.1", 1000)).option(Setting.of("id", "20")).build());
    b.server(Server.builder("b", Endpoint.of("127.0.0.1", 1001)).option(Setting.of("id", "10")).build());
    LoadBalancer lb = BalancerRegistry.of(List.of()).factory(Balancers.spec("first", HashSpec.DEFAULT))
        .create(s, b.build());
    assertThat(lb.pick(BalanceRequest.EMPTY)).isSameAs(s.get(1));
  }
}
