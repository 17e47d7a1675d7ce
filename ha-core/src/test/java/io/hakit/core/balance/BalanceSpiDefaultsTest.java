package io.hakit.core.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hakit.core.model.BalanceSpec;
import io.hakit.core.net.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default methods of the balancer SPI, which every plug-in inherits. */
class BalanceSpiDefaultsTest {

  private record FixedServer(int maxConnections, int activeConnections) implements ServerView {
    @Override
    public int index() {
      return 0;
    }

    @Override
    public String name() {
      return "s1";
    }

    @Override
    public Endpoint address() {
      return Endpoint.of("127.0.0.1", 8080);
    }

    @Override
    public int weight() {
      return 1;
    }

    @Override
    public int initialWeight() {
      return 1;
    }

    @Override
    public boolean isBackup() {
      return false;
    }

    @Override
    public boolean isUp() {
      return true;
    }
  }

  private static final class FirstFactory implements LoadBalancerFactory {
    @Override
    public String name() {
      return "first-up";
    }

    @Override
    public BalanceInput input() {
      return BalanceInput.NONE;
    }

    @Override
    public LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec) {
      return request -> servers.isEmpty() ? null : servers.get(0);
    }
  }

  @Test
  void hasFreeSlot_unlimitedOrBelowMax_isTrue() {
    assertThat(new FixedServer(0, 1_000).hasFreeSlot()).isTrue();
    assertThat(new FixedServer(10, 9).hasFreeSlot()).isTrue();
    assertThat(new FixedServer(10, 10).hasFreeSlot()).isFalse();
  }

  @Test
  void validate_default_rejectsArgumentsNamingTheFirst() {
    LoadBalancerFactory factory = new FirstFactory();

    factory.validate(BalanceSpec.of("first-up"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.validate(BalanceSpec.of("first-up", "extra", "more")))
        .withMessage("balance first-up: unexpected argument 'extra'");
    assertThat(factory.perEventLoop()).isFalse();
  }

  @Test
  void emptyRequest_carriesNothing_andExcludesNoServer() {
    BalanceRequest empty = BalanceRequest.EMPTY;

    assertThat(empty.sourceAddress()).isNull();
    assertThat(empty.method()).isNull();
    assertThat(empty.uri()).isNull();
    assertThat(empty.header("Host")).isNull();
    assertThat(empty.isExcluded(new FixedServer(0, 0))).isFalse();
  }

  @Test
  void create_pluggedBalancer_picksThroughTheSpi() {
    FixedServer server = new FixedServer(0, 0);
    LoadBalancer balancer = new FirstFactory().create(List.of(server), BalanceSpec.ROUND_ROBIN);

    assertThat(balancer.pick(BalanceRequest.EMPTY)).isSameAs(server);
    balancer.onServerStateChanged(server);
    balancer.onConnectionOpened(server);
  }
}
