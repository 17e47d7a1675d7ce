package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.HaException;
import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.net.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {
  /** A mutable server view for tests. */
  static final class TestServer implements ServerView {
    final int index;
    final String name;
    int weight;
    boolean up = true;
    final boolean backup;

    TestServer(int index, String name, int weight, boolean backup) {
      this.index = index;
      this.name = name;
      this.weight = weight;
      this.backup = backup;
    }

    public int index() {
      return index;
    }

    public String name() {
      return name;
    }

    public Endpoint address() {
      return Endpoint.of("127.0.0.1", 1000 + index);
    }

    public int weight() {
      return weight;
    }

    public int initialWeight() {
      return weight;
    }

    public boolean isBackup() {
      return backup;
    }

    public boolean isUp() {
      return up;
    }

    public int activeConnections() {
      return 0;
    }

    public int maxConnections() {
      return 0;
    }
  }

  private static String picks(LoadBalancer lb, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ServerView s = lb.pick(BalanceRequest.EMPTY);
      sb.append(s == null ? "-" : s.name());
    }
    return sb.toString();
  }

  @Test
  void pick_weights511_smoothInterleaving() {
    List<TestServer> s = List.of(new TestServer(0, "a", 5, false), new TestServer(1, "b", 1, false),
        new TestServer(2, "c", 1, false));
    LoadBalancer lb = BalancerRegistry.of(List.of()).factory(BalanceSpec.ROUND_ROBIN).create(s, BalanceSpec.ROUND_ROBIN);
    assertThat(picks(lb, 7)).isEqualTo("aabacaa");
  }

  @Test
  void pick_runtimeWeightChangeAndDown_honoured() {
    TestServer a = new TestServer(0, "a", 1, false);
    TestServer b = new TestServer(1, "b", 1, false);
    LoadBalancer lb = new SmoothWeightedRoundRobin(List.of(a, b), false);
    assertThat(picks(lb, 4)).isEqualTo("abab");
    b.weight = 0;
    assertThat(picks(lb, 3)).isEqualTo("aaa");
    b.weight = 1;
    a.up = false;
    assertThat(picks(lb, 2)).isEqualTo("bb");
  }

  @Test
  void pick_backupOnlyWhenNoActiveUp() {
    TestServer a = new TestServer(0, "a", 1, false);
    TestServer k = new TestServer(1, "k", 1, true);
    LoadBalancer lb = new SmoothWeightedRoundRobin(List.of(a, k), false);
    assertThat(picks(lb, 3)).isEqualTo("aaa");
    a.up = false;
    assertThat(picks(lb, 2)).isEqualTo("kk");
    k.up = false;
    assertThat(picks(lb, 1)).isEqualTo("-");
  }

  @Test
  void pick_allbackups_backupsShareByWeight() {
    TestServer a = new TestServer(0, "a", 1, false);
    TestServer k = new TestServer(1, "k", 1, true);
    TestServer l = new TestServer(2, "l", 2, true);
    a.up = false;
    assertThat(picks(new SmoothWeightedRoundRobin(List.of(a, k, l), false), 3)).isEqualTo("kkk");
    assertThat(picks(new SmoothWeightedRoundRobin(List.of(a, k, l), true), 3)).isEqualTo("lkl");
  }

  @Test
  void pick_excludedServer_avoidedWhenAnotherIsUp() {
    TestServer a = new TestServer(0, "a", 1, false);
    TestServer b = new TestServer(1, "b", 1, false);
    LoadBalancer lb = new SmoothWeightedRoundRobin(List.of(a, b), false);
    BalanceRequest avoidA = new BalanceRequest() {
      public byte[] sourceAddress() {
        return null;
      }

      public String method() {
        return null;
      }

      public String uri() {
        return null;
      }

      public String header(String name) {
        return null;
      }

      @Override
      public boolean isExcluded(ServerView s) {
        return s == a;
      }
    };
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      got.add(lb.pick(avoidA).name());
    }
    assertThat(got).containsOnly("b");
  }

  @Test
  void registry_unknownAlgorithm_didYouMean() {
    assertThatThrownBy(() -> BalancerRegistry.load().factory(BalanceSpec.of("roundrobn")))
        .isInstanceOf(HaException.class).hasMessageContaining("did you mean 'roundrobin'");
  }

  @Test
  void registry_serviceLoader_findsUserBalancerAndRejectsDuplicates() {
    BalancerRegistry registry = BalancerRegistry.load();
    assertThat(registry.names()).contains("roundrobin", "static-rr", "test-first");
    TestServer a = new TestServer(0, "a", 1, false);
    TestServer b = new TestServer(1, "b", 1, false);
    LoadBalancer lb = registry.factory(BalanceSpec.of("test-first")).create(List.of(a, b), BalanceSpec.of("test-first"));
    assertThat(picks(lb, 3)).isEqualTo("aaa");
    assertThatThrownBy(() -> BalancerRegistry.of(List.of(new RoundRobinFactory())))
        .isInstanceOf(HaException.class).hasMessageContaining("provided twice");
  }
}
