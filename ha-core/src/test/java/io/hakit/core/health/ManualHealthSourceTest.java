package io.hakit.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualHealthSourceTest {

  @Test
  void current_initial_isGiven() {
    ManualHealthSource source = new ManualHealthSource("chk_haproxy", Health.up("listening"));

    assertThat(source.name()).isEqualTo("chk_haproxy");
    assertThat(source.current()).isEqualTo(Health.up("listening"));
    assertThat(source.current().isUp()).isTrue();
  }

  @Test
  void set_statusChange_notifiesWithNewHealthAlreadyCurrent() throws Exception {
    ManualHealthSource source = new ManualHealthSource("chk", Health.up("ok"));
    List<Health> heard = new ArrayList<>();
    List<Health> currentWhenHeard = new ArrayList<>();
    AutoCloseable subscription = source.subscribe((s, h) -> {
      heard.add(h);
      currentWhenHeard.add(s.current());
    });

    source.set(Health.down("all servers down"));
    source.set(Health.up("back"));
    subscription.close();

    assertThat(heard).containsExactly(Health.down("all servers down"), Health.up("back"));
    assertThat(currentWhenHeard).isEqualTo(heard);
  }

  @Test
  void set_sameStatusNewReason_updatesCurrentWithoutNotifying() throws Exception {
    ManualHealthSource source = new ManualHealthSource("chk", Health.down("starting"));
    List<Health> heard = new ArrayList<>();
    AutoCloseable subscription = source.subscribe((s, h) -> heard.add(h));

    source.set(Health.down("still starting"));
    source.set(Health.down("still starting"));
    subscription.close();

    assertThat(heard).isEmpty();
    assertThat(source.current().reason()).isEqualTo("still starting");
  }

  @Test
  void subscribe_close_stopsNotifications_otherListenersStay() throws Exception {
    ManualHealthSource source = new ManualHealthSource("chk", Health.up("ok"));
    List<String> heard = new ArrayList<>();
    AutoCloseable first = source.subscribe((s, h) -> heard.add("first " + h.status()));
    AutoCloseable second = source.subscribe((s, h) -> heard.add("second " + h.status()));

    source.set(Health.down("x"));
    first.close();
    source.set(Health.up("y"));
    second.close();
    source.set(Health.down("z"));

    assertThat(heard).containsExactly("first DOWN", "second DOWN", "second UP");
  }
}
