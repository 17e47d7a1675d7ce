package io.hakit.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllUpHealthSourceTest {
  private final ManualHealthSource a = new ManualHealthSource("listening", Health.up("bound"));
  private final ManualHealthSource b = new ManualHealthSource("backend app", Health.up("1 server up"));

  @Test
  void current_allUp_up() {
    AllUpHealthSource all = new AllUpHealthSource("proxy", List.of(a, b));

    assertThat(all.current().isUp()).isTrue();
  }

  @Test
  void current_oneDown_downNamingIt() {
    AllUpHealthSource all = new AllUpHealthSource("proxy", List.of(a, b));

    b.set(Health.down("no server up"));

    assertThat(all.current().isUp()).isFalse();
    assertThat(all.current().reason()).isEqualTo("backend app: no server up");
  }

  @Test
  void subscribe_notifiedOnStatusChangesOnly() {
    AllUpHealthSource all = new AllUpHealthSource("proxy", List.of(a, b));
    List<Health> seen = new ArrayList<>();
    all.subscribe((source, health) -> seen.add(health));

    a.set(Health.down("unbound"));
    b.set(Health.down("no server up"));
    a.set(Health.up("bound"));
    b.set(Health.up("1 server up"));

    assertThat(seen).extracting(Health::isUp).containsExactly(false, true);
  }

  @Test
  void close_unsubscribesFromSources() {
    AllUpHealthSource all = new AllUpHealthSource("proxy", List.of(a));
    all.close();

    a.set(Health.down("unbound"));

    assertThat(all.current().isUp()).isTrue();
  }

  @Test
  void constructor_noSources_rejected() {
    assertThatThrownBy(() -> new AllUpHealthSource("proxy", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sources");
  }
}
