package io.hakit.proxy.balance;

import static io.hakit.proxy.balance.Balancers.counts;
import static io.hakit.proxy.balance.Balancers.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.model.HashSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticRoundRobinTest {

  @Test
  void pick_weights_exactShareEachCycleInterleaved() {
    List<FakeServer> s = FakeServer.weighted(2, 4, 6);
    LoadBalancer lb = Balancers.create(s, "static-rr");
    // Weights divide by their common divisor 2: a cycle of 6 picks holds a once, b twice, c three times.
    assertThat(sequence(lb, BalanceRequest.EMPTY, 6)).isEqualTo("acbcbc");
    assertThat(counts(lb, BalanceRequest.EMPTY, 600)).isEqualTo(Map.of("a", 100, "b", 200, "c", 300));
  }

  @Test
  void pick_weightZeroAndDown_neverPicked() {
    List<FakeServer> s = FakeServer.weighted(1, 0, 1);
    LoadBalancer lb = Balancers.create(s, "static-rr");
    assertThat(counts(lb, BalanceRequest.EMPTY, 10)).isEqualTo(Map.of("a", 5, "c", 5));
    s.get(0).up = false; // no hook delivered yet: the pick itself notices
    assertThat(counts(lb, BalanceRequest.EMPTY, 10)).isEqualTo(Map.of("c", 10));
    s.get(0).up = true;
    lb.onServerStateChanged(s.get(0));
    assertThat(counts(lb, BalanceRequest.EMPTY, 10)).isEqualTo(Map.of("a", 5, "c", 5));
  }

  @Test
  void pick_runtimeWeightChange_takenAfterHook() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    LoadBalancer lb = Balancers.create(s, "static-rr");
    assertThat(counts(lb, BalanceRequest.EMPTY, 10)).isEqualTo(Map.of("a", 5, "b", 5));
    s.get(1).weight = 4;
    lb.onWeightChanged(s.get(1));
    assertThat(counts(lb, BalanceRequest.EMPTY, 50)).isEqualTo(Map.of("a", 10, "b", 40));
  }

  @Test
  void pick_fullServer_skippedAndNullWhenAllFull() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    s.get(0).maxconn = 2;
    s.get(0).active = 2;
    LoadBalancer lb = Balancers.create(s, "static-rr");
    assertThat(counts(lb, BalanceRequest.EMPTY, 6)).isEqualTo(Map.of("b", 6));
    s.get(1).maxconn = 1;
    s.get(1).active = 1;
    assertThat(lb.pick(BalanceRequest.EMPTY)).isNull();
  }

  @Test
  void pick_excludedServer_avoidedUnlessAlone() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    LoadBalancer lb = Balancers.create(s, "static-rr");
    TestRequest avoidA = TestRequest.uri("/").excluding(s.get(0));
    assertThat(counts(lb, avoidA, 6)).isEqualTo(Map.of("b", 6));
    s.get(1).up = false;
    assertThat(lb.pick(avoidA)).isSameAs(s.get(0));
  }

  @Test
  void pick_backups_firstOnlyOrAllWithAllbackups() {
    FakeServer a = new FakeServer(0, "a", 1, false);
    FakeServer k1 = new FakeServer(1, "k", 1, true);
    FakeServer k2 = new FakeServer(2, "l", 1, true);
    List<FakeServer> s = List.of(a, k1, k2);
    LoadBalancer first = Balancers.create(s, "static-rr");
    LoadBalancer all = Balancers.create(s, Balancers.spec("static-rr", HashSpec.DEFAULT), b -> b.option("allbackups", true));
    assertThat(counts(first, BalanceRequest.EMPTY, 4)).isEqualTo(Map.of("a", 4));
    a.up = false;
    assertThat(counts(first, BalanceRequest.EMPTY, 4)).isEqualTo(Map.of("k", 4));
    assertThat(counts(all, BalanceRequest.EMPTY, 4)).isEqualTo(Map.of("k", 2, "l", 2));
    k1.up = false;
    k2.up = false;
    assertThat(first.pick(BalanceRequest.EMPTY)).isNull();
  }
}
