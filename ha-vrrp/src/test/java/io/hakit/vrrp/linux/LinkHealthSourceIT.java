package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.health.Health;
import io.hakit.core.testing.Interop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link watcher on a veth pair: the far end going down takes our carrier away. */
class LinkHealthSourceIT {
  private TwoNodeLink link;
  private LinkHealthSource source;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns());
    link = TwoNodeLink.create();
  }

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.close();
    }
    if (link != null) {
      link.close();
    }
  }

  @Test
  void subscribe_linkCutAndRestored_downThenUp() throws Exception {
    source = link.b.call(() -> LinkHealthSource.open(TwoNodeLink.B_IF));
    List<Health> heard = new CopyOnWriteArrayList<>();
    source.subscribe((s, h) -> heard.add(h));
    assertThat(source.current().isUp()).isTrue();
    assertThat(source.name()).isEqualTo("link vb");

    link.a.exec("ip", "link", "set", TwoNodeLink.A_IF, "down");
    awaitHealth(heard, Health.Status.DOWN, 1);
    link.a.exec("ip", "link", "set", TwoNodeLink.A_IF, "up");
    awaitHealth(heard, Health.Status.UP, 2);

    assertThat(heard).extracting(Health::status).containsExactly(Health.Status.DOWN, Health.Status.UP);
    assertThat(source.current().isUp()).isTrue();
  }

  @Test
  void open_interfaceDownAlready_startsDown() throws Exception {
    link.b.exec("ip", "link", "set", TwoNodeLink.B_IF, "down");

    source = link.b.call(() -> LinkHealthSource.open(TwoNodeLink.B_IF));

    assertThat(source.current().isUp()).isFalse();
    assertThat(source.current().reason()).isEqualTo("vb link down");
  }

  @Test
  void open_unknownInterface_namesIt() {
    assertThatThrownBy(() -> link.b.call(() -> LinkHealthSource.open("nosuch0")))
        .isInstanceOf(IOException.class).hasMessageContaining("'nosuch0'");
  }

  private void awaitHealth(List<Health> heard, Health.Status status, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (heard.size() >= count && heard.get(count - 1).status() == status) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("expected " + status + " as change " + count + "; heard " + heard);
  }
}
