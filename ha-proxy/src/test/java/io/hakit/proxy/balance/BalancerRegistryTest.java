package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.HaException;
import io.hakit.core.balance.BalanceInput;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerRegistryTest {
  private static final BalancerRegistry REGISTRY = BalancerRegistry.of(List.of());

  @Test
  void factory_everyHaproxy26Algorithm_found() {
    assertThat(REGISTRY.names()).contains("roundrobin", "static-rr", "leastconn", "first", "source", "uri",
        "url_param", "hdr", "random");
    assertThat(REGISTRY.factory(BalanceSpec.of("hdr(Host)", "use_domain_only")).name()).isEqualTo("hdr");
    assertThat(REGISTRY.factory(BalanceSpec.of("random(3)")).name()).isEqualTo("random");
    assertThat(REGISTRY.factory(BalanceSpec.of("uri", "len", "10", "depth", "2", "whole", "path-only")).input())
        .isEqualTo(BalanceInput.HTTP_REQUEST);
    assertThat(REGISTRY.factory(BalanceSpec.of("source")).input()).isEqualTo(BalanceInput.SOURCE_ADDRESS);
    assertThat(REGISTRY.factory(BalanceSpec.of("url_param", "id", "check_post")).input())
        .isEqualTo(BalanceInput.HTTP_REQUEST);
  }

  @Test
  void factory_badArguments_clearErrors() {
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("uri", "depth", "0")))
        .isInstanceOf(HaException.class).hasMessageContaining("depth").hasMessageContaining("positive integer");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("uri", "deep")))
        .isInstanceOf(HaException.class).hasMessageContaining("'deep'");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("url_param")))
        .isInstanceOf(HaException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("hdr()")))
        .isInstanceOf(HaException.class).hasMessageContaining("header's name");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("hdr(Host)", "use_host")))
        .isInstanceOf(HaException.class).hasMessageContaining("use_domain_only");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("random(0)")))
        .isInstanceOf(HaException.class).hasMessageContaining("draws");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("leastconn", "x")))
        .isInstanceOf(HaException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> REGISTRY.factory(BalanceSpec.of("source", "x")))
        .isInstanceOf(HaException.class).hasMessageContaining("'x'");
  }

  @Test
  void create_badHashBalanceFactor_clearError() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    assertThatThrownBy(() -> Balancers.create(s, Balancers.spec("random", HashSpec.DEFAULT),
        b -> b.extra(Setting.of("hash-balance-factor", "80"))))
        .isInstanceOf(HaException.class).hasMessageContaining("hash-balance-factor: 80");
  }

  @Test
  void create_userFactoryWithoutBackendOverload_defaultDelegates() {
    List<FakeServer> s = FakeServer.weighted(1, 1);
    s.get(0).up = false;
    BalanceSpec spec = BalanceSpec.of("test-first");
    io.hakit.core.balance.LoadBalancer lb = BalancerRegistry.load().factory(spec)
        .create(s, io.hakit.core.model.Backend.builder("be").balance(spec).build());
    assertThat(lb.pick(io.hakit.core.balance.BalanceRequest.EMPTY)).isSameAs(s.get(1));
  }
}
