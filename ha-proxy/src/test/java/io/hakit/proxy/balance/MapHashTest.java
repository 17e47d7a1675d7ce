package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapHashTest {

  @Test
  void pick_sameUri_sameServerAndSharesFollowWeights() {
    List<FakeServer> s = FakeServer.weighted(1, 2, 3);
    LoadBalancer lb = Balancers.create(s, "uri");
    Map<String, Integer> share = new HashMap<>();
    for (int i = 0; i < 6000; i++) {
      String uri = "/item/" + i + "?x=" + i;
      ServerView first = lb.pick(TestRequest.uri(uri));
      assertThat(lb.pick(TestRequest.uri(uri))).isSameAs(first);
      share.merge(first.name(), 1, Integer::sum);
    }
    assertThat(share.get("a")).isBetween(800, 1200);
    assertThat(share.get("b")).isBetween(1700, 2300);
    assertThat(share.get("c")).isBetween(2600, 3400);
  }

  @Test
  void pick_queryIgnoredUnlessWhole() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1, 1, 1, 1, 1);
    LoadBalancer plain = Balancers.create(s, "uri");
    LoadBalancer whole = Balancers.create(s, "uri", "whole");
    int differ = 0;
    for (int i = 0; i < 50; i++) {
      assertThat(plain.pick(TestRequest.uri("/p?q=" + i))).isSameAs(plain.pick(TestRequest.uri("/p")));
      if (whole.pick(TestRequest.uri("/p?q=" + i)) != whole.pick(TestRequest.uri("/p"))) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThan(25);
  }

  @Test
  void pick_sourceAddress_stickyAndMovesWhenServerGoesDown() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    LoadBalancer lb = Balancers.create(s, "source");
    ServerView first = lb.pick(TestRequest.source(198, 18, 0, 7));
    for (int i = 0; i < 5; i++) {
      assertThat(lb.pick(TestRequest.source(198, 18, 0, 7))).isSameAs(first);
    }
    ((FakeServer) first).up = false;
    ServerView moved = lb.pick(TestRequest.source(198, 18, 0, 7));
    assertThat(moved).isNotNull().isNotSameAs(first);
  }

  @Test
  void pick_keyAbsent_roundRobin() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    LoadBalancer lb = Balancers.create(s, "url_param", "id");
    assertThat(Balancers.counts(lb, TestRequest.uri("/no-query"), 10)).isEqualTo(Map.of("a", 5, "b", 5));
    assertThat(Balancers.counts(lb, TestRequest.uri("/q?other=1"), 10)).isEqualTo(Map.of("a", 5, "b", 5));
    assertThat(Balancers.counts(lb, TestRequest.uri("/q?id=42"), 10)).hasSize(1);
  }

  @Test
  void pick_hashedServerExcludedOrFull_nextServerInMap() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1);
    LoadBalancer lb = Balancers.create(s, "hdr(X-User)");
    TestRequest req = TestRequest.header("X-User", "alice");
    FakeServer home = (FakeServer) lb.pick(req);
    ServerView other = lb.pick(req.excluding(home));
    assertThat(other).isNotNull().isNotSameAs(home);
    home.maxconn = 1;
    home.active = 1;
    assertThat(lb.pick(req)).isSameAs(other);
    home.active = 0;
    assertThat(lb.pick(req)).isSameAs(home);
  }

  @Test
  void pick_useDomainOnly_hostsOfOneDomainTogether() {
    List<FakeServer> s = FakeServer.weighted(1, 1, 1, 1, 1);
    LoadBalancer lb = Balancers.create(s, "hdr(host)", "use_domain_only");
    for (int i = 0; i < 20; i++) {
      ServerView www = lb.pick(TestRequest.header("Host", "www.site" + i + ".example"));
      assertThat(lb.pick(TestRequest.header("Host", "api.site" + i + ".example"))).isSameAs(www);
      assertThat(lb.pick(TestRequest.header("Host", "site" + i + ".example"))).isSameAs(www);
    }
  }
}
