package io.hakit.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthListenersTest {
  private final ManualHealthSource source = new ManualHealthSource("chk", Health.up("ok"));

  @Test
  void notifyChange_listenerThrows_othersStillToldInOrder() {
    HealthListeners listeners = new HealthListeners("chk");
    List<String> heard = new ArrayList<>();
    listeners.add((s, h) -> heard.add("first " + h.status()));
    listeners.add((s, h) -> {
      throw new IllegalStateException("broken listener");
    });
    listeners.add((s, h) -> heard.add("third " + h.status() + " from " + s.name()));

    listeners.notifyChange(source, Health.down("x"));

    assertThat(heard).containsExactly("first DOWN", "third DOWN from chk");
  }

  @Test
  void add_closeHandle_unsubscribesOnlyThatListenerAndTwiceIsHarmless() throws Exception {
    HealthListeners listeners = new HealthListeners("chk");
    List<String> heard = new ArrayList<>();
    AutoCloseable first = listeners.add((s, h) -> heard.add("first"));
    listeners.add((s, h) -> heard.add("second"));

    first.close();
    first.close();
    listeners.notifyChange(source, Health.down("x"));

    assertThat(heard).containsExactly("second");
    assertThat(listeners.size()).isEqualTo(1);
  }

  @Test
  void notifyChange_listenerUnsubscribesItselfWhileNotified_othersStillTold() throws Exception {
    HealthListeners listeners = new HealthListeners("chk");
    List<String> heard = new ArrayList<>();
    AutoCloseable[] self = new AutoCloseable[1];
    self[0] = listeners.add((s, h) -> {
      heard.add("once");
      try {
        self[0].close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    listeners.add((s, h) -> heard.add("always"));

    listeners.notifyChange(source, Health.down("x"));
    listeners.notifyChange(source, Health.up("y"));

    assertThat(heard).containsExactly("once", "always", "always");
  }

  @Test
  void allUpHealthSource_listenerThrows_othersStillTold() {
    AllUpHealthSource all = new AllUpHealthSource("all", List.of(source));
    List<Health.Status> heard = new ArrayList<>();
    all.subscribe((s, h) -> {
      throw new IllegalStateException("broken listener");
    });
    all.subscribe((s, h) -> heard.add(h.status()));

    source.set(Health.down("x"));

    assertThat(heard).containsExactly(Health.Status.DOWN);
    all.close();
  }
}
