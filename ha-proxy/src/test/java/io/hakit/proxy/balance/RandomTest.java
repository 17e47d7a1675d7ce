package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomTest {

  @Test
  void pick_oneDraw_sharesFollowWeights() {
    List<FakeServer> s = FakeServer.weighted(1, 3);
    LoadBalancer lb = Balancers.create(s, "random(1)");
    Map<String, Integer> counts = Balancers.counts(lb, BalanceRequest.EMPTY, 8000);
    assertThat(counts.get("a")).isBetween(1000, 3000);
    assertThat(counts.get("b")).isBetween(5000, 7000);
  }

  @Test
  void pick_twoDraws_avoidsTheLoadedServer() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    s.get(0).active = 50;
    LoadBalancer lb = Balancers.create(s, "random");
    Map<String, Integer> counts = Balancers.counts(lb, BalanceRequest.EMPTY, 3000);
    // a wins only when both draws land on it: about 1/9 of the picks instead of 1/3.
    assertThat(counts.getOrDefault("a", 0)).isLessThan(600);
    assertThat(counts.get("b") + counts.get("c")).isGreaterThan(2400);
  }

  @Test
  void pick_downFullAndExcluded_honoured() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    s.get(0).up = false;
    s.get(1).maxconn = 1;
    s.get(1).active = 1;
    LoadBalancer lb = Balancers.create(s, "random(3)");
    assertThat(Balancers.counts(lb, BalanceRequest.EMPTY, 50)).isEqualTo(Map.of("c", 50));
    assertThat(lb.pick(TestRequest.uri("/").excluding(s.get(2)))).isSameAs(s.get(2));
    s.get(2).up = false;
    assertThat(lb.pick(BalanceRequest.EMPTY)).isNull();
  }
}
