package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.Setting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentHashTest {
  private static final HashSpec CONSISTENT = new HashSpec("consistent", "sdbm", "avalanche");
  private static final int KEYS = 4000;

  private static LoadBalancer uri(List<FakeServer> servers) {
    return Balancers.create(servers, Balancers.spec("uri", CONSISTENT), b -> { });
  }

  private static ServerView[] assign(LoadBalancer lb) {
    ServerView[] out = new ServerView[KEYS];
    for (int i = 0; i < KEYS; i++) {
      out[i] = lb.pick(TestRequest.uri("/object/" + i));
    }
    return out;
  }

  @Test
  void pick_serverDown_onlyItsKeysMove() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1, 1, 1);
    LoadBalancer lb = uri(s);
    ServerView[] before = assign(lb);
    FakeServer down = s.get(2);
    down.up = false;
    lb.onServerStateChanged(down);
    ServerView[] after = assign(lb);
    int moved = 0;
    for (int i = 0; i < KEYS; i++) {
      if (before[i] != down) {
        assertThat(after[i]).as("key %s was not on the server that went down", i).isSameAs(before[i]);
      } else {
        assertThat(after[i]).isNotSameAs(down);
        moved++;
      }
    }
    // About 1/N of the keys (N = 5) moved: those of the server that went down, no others.
    assertThat(moved).isBetween(KEYS / 5 / 2, KEYS / 5 * 2);
    down.up = true;
    lb.onServerStateChanged(down);
    assertThat(assign(lb)).containsExactly(before);
  }

  @Test
  void pick_weights_sharesRoughlyProportional() {
    List<FakeServer> s = FakeServer.weighted(1, 2, 4);
    Map<String, Integer> share = new HashMap<>();
    for (ServerView v : assign(uri(s))) {
      share.merge(v.name(), 1, Integer::sum);
    }
    // A ring is never perfectly smooth (HAProxy warns as much): generous bounds around 1/7, 2/7, 4/7.
    assertThat(share.get("a")).isBetween(KEYS / 7 / 2, KEYS / 7 * 2);
    assertThat(share.get("b")).isBetween(KEYS * 2 / 7 / 2, KEYS * 2 / 7 * 2);
    assertThat(share.get("c")).isBetween(KEYS * 4 / 7 * 2 / 3, KEYS * 4 / 7 * 3 / 2);
  }

  @Test
  void pick_runtimeWeightIncrease_keysMoveOnlyToThatServer() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    LoadBalancer lb = uri(s);
    ServerView[] before = assign(lb);
    FakeServer grown = s.get(0);
    grown.weight = 4;
    lb.onWeightChanged(grown);
    ServerView[] after = assign(lb);
    int gained = 0;
    for (int i = 0; i < KEYS; i++) {
      if (after[i] != before[i]) {
        assertThat(after[i]).as("key %s moved", i).isSameAs(grown);
        gained++;
      }
    }
    // Its share goes from about 1/3 to about 4/6: roughly a third of all keys move to it.
    assertThat(gained).isBetween(KEYS / 6, KEYS / 2);
  }

  @Test
  void pick_sameKey_sameServerAndExcludedMovesToNeighbour() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    LoadBalancer lb = uri(s);
    TestRequest req = TestRequest.uri("/sticky");
    ServerView home = lb.pick(req);
    for (int i = 0; i < 5; i++) {
      assertThat(lb.pick(req)).isSameAs(home);
    }
    assertThat(lb.pick(req.excluding(home))).isNotNull().isNotSameAs(home);
  }

  @Test
  void pick_hashBalanceFactor_keepsServerUnderBound() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1, 1);
    LoadBalancer lb = Balancers.create(s, Balancers.spec("uri", CONSISTENT),
        b -> b.extra(Setting.of("hash-balance-factor", "150")));
    TestRequest hot = TestRequest.uri("/hot");
    // Every request has the same key: without a bound it would pile on one server.
    for (int i = 0; i < 40; i++) {
      FakeServer chosen = (FakeServer) lb.pick(hot);
      chosen.active++;
    }
    int total = s.stream().mapToInt(f -> f.active).sum();
    for (FakeServer f : s) {
      assertThat(f.active).as("load of %s", f.name).isLessThanOrEqualTo((int) Math.ceil(total * 1.5 / 4) + 1);
    }
  }

  @Test
  void pick_serverIdsSeedTheRing_sameIdsSameMappingWhateverTheOrder() {
    // Two backends list the same servers in different orders but give them the same ids.
    List<FakeServer> abc = FakeServer.weighted(1, 1, 1);
    List<FakeServer> cab = List.of(new FakeServer(0, "c", 1, false), new FakeServer(1, "a", 1, false),
        new FakeServer(2, "b", 1, false));
    LoadBalancer first = withIds(abc, "1", "2", "3");
    LoadBalancer second = withIds(cab, "3", "1", "2");
    LoadBalancer positional = uri(cab);
    int differFromPositional = 0;
    for (int i = 0; i < 200; i++) {
      TestRequest r = TestRequest.uri("/k" + i);
      assertThat(second.pick(r).name()).isEqualTo(first.pick(r).name());
      differFromPositional += positional.pick(r).name().equals(first.pick(r).name()) ? 0 : 1;
    }
    assertThat(differFromPositional).as("ids by position give another ring").isGreaterThan(50);
  }

  private static LoadBalancer withIds(List<FakeServer> servers, String... ids) {
    io.hakit.core.model.BalanceSpec spec = Balancers.spec("uri", CONSISTENT);
    io.hakit.core.model.Backend.Builder b = io.hakit.core.model.Backend.builder("be").balance(spec);
    for (int i = 0; i < servers.size(); i++) {
      b.server(io.hakit.core.model.Server.builder(servers.get(i).name, io.hakit.core.net.Endpoint.of("127.0.0.1", 1000 + i))
          .option(Setting.of("id", ids[i])).build());
    }
    return BalancerRegistry.of(List.of()).factory(spec).create(servers, b.build());
  }
}
