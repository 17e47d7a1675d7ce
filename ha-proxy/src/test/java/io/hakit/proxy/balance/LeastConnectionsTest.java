package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.model.HashSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastConnectionsTest {

  @Test
  void pick_followsActiveConnections() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    s.get(0).active = 5;
    s.get(1).active = 2;
    s.get(2).active = 4;
    LoadBalancer lb = Balancers.create(s, "leastconn");
    assertThat(lb.pick(BalanceRequest.EMPTY)).isSameAs(s.get(1));
    s.get(1).active = 9;
    assertThat(lb.pick(BalanceRequest.EMPTY)).isSameAs(s.get(2));
  }

  @Test
  void pick_connectionsOpenedByPicks_spreadEvenlyByWeight() {
    List<FakeServer> s = FakeServer.weighted(1, 2, 1);
    LoadBalancer lb = Balancers.create(s, "leastconn");
    for (int i = 0; i < 400; i++) {
      ((FakeServer) lb.pick(BalanceRequest.EMPTY)).active++;
    }
    assertThat(s.get(0).active).isBetween(99, 101);
    assertThat(s.get(1).active).isBetween(199, 201);
    assertThat(s.get(2).active).isBetween(99, 101);
  }

  @Test
  void pick_equalLoad_takesTurns() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    LoadBalancer lb = Balancers.create(s, "leastconn");
    assertThat(Balancers.sequence(lb, BalanceRequest.EMPTY, 6)).isEqualTo("abcabc");
  }

  @Test
  void pick_fullDownZeroWeightAndExcluded_skipped() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 0, 1);
    s.get(0).maxconn = 3;
    s.get(0).active = 3;
    s.get(3).up = false;
    LoadBalancer lb = Balancers.create(s, "leastconn");
    assertThat(Balancers.counts(lb, BalanceRequest.EMPTY, 5)).isEqualTo(Map.of("b", 5));
    assertThat(lb.pick(TestRequest.uri("/").excluding(s.get(1)))).isSameAs(s.get(1));
    s.get(1).active = 1;
    s.get(1).maxconn = 1;
    assertThat(lb.pick(BalanceRequest.EMPTY)).isNull();
  }

  @Test
  void pick_backups_firstOnlyOrAllWithAllbackups() {
    FakeServer a = new FakeServer(0, "a", 1, false);
    FakeServer k = new FakeServer(1, "k", 1, true);
    FakeServer l = new FakeServer(2, "l", 1, true);
    a.up = false;
    LoadBalancer first = Balancers.create(List.of(a, k, l), "leastconn");
    LoadBalancer all = Balancers.create(List.of(a, k, l), Balancers.spec("leastconn", HashSpec.DEFAULT),
        b -> b.option("allbackups", true));
    assertThat(Balancers.counts(first, BalanceRequest.EMPTY, 4)).isEqualTo(Map.of("k", 4));
    assertThat(Balancers.counts(all, BalanceRequest.EMPTY, 4)).isEqualTo(Map.of("k", 2, "l", 2));
  }
}
