package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.testing.FreePorts;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.UdpTransportFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances over UDP on 127.0.0.11 / 127.0.0.12 with unicast peers, VRRPv2 with a password and v3. */
class VrrpInstanceUdpTest {
  private static final Duration WAIT = Duration.ofSeconds(8);
  private final UdpTransportFactory udp = new UdpTransportFactory(FreePorts.next());
  private final List<Node> nodes = new ArrayList<>();

  private Node node(String name, String self, String peer, int priority, UnaryOperator<VrrpInstanceBuilder> extra)
      throws Exception {
    Node n = new Node(name, priority, udp, b -> extra.apply(b.sourceAddress(self).unicastPeer(peer)));
    nodes.add(n);
    return n.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node n : nodes) {
      n.close();
    }
  }

  @Test
  void v3Udp_electionCrashAndPreemptBack() throws Exception {
    UnaryOperator<VrrpInstanceBuilder> v3 = b -> b.version(3).advertInterval(Duration.ofMillis(200));
    Node a = node("A", "127.0.0.11", "127.0.0.12", 150, v3);
    Node b = node("B", "127.0.0.12", "127.0.0.11", 100, v3);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 2, WAIT, () -> "B hears A over UDP");
    // Both start as backups; under load B's down timer (39 ms after A's) may fire before A's first
    // advert arrives, and then A's advert preempts it: the election converges on A either way.
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
    Await.until(() -> b.vips().isEmpty(), WAIT, () -> "B holds no VIP");

    a.instance.abandon().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(b.states.awaitLatest(VrrpState.MASTER, WAIT).reason()).contains("Master_Down_Interval");

    Node a2 = node("A", "127.0.0.11", "127.0.0.12", 150, v3);
    a2.states.awaitLatest(VrrpState.MASTER, WAIT);
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
    Await.until(() -> b.vips().isEmpty(), WAIT, () -> "B drops the VIP");
  }

  @Test
  void v2PasswordUdp_gracefulStopHandsOverAfterSkew() throws Exception {
    UnaryOperator<VrrpInstanceBuilder> v2 = b -> b.version(2).password("secret12");
    Node a = node("A", "127.0.0.21", "127.0.0.22", 150, v2);
    Node b = node("B", "127.0.0.22", "127.0.0.21", 100, v2);
    // v2 intervals are whole seconds: Master_Down_Interval is 3.6 s for B, A becomes master after 3.4 s.
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 1, WAIT, () -> "B hears A");
    // Converged first: under load B may have been master briefly before A's first advert.
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
    a.instance.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(b.states.awaitLatest(VrrpState.MASTER, WAIT).reason()).contains("priority 0");
    assertThat(b.instance.counters().droppedTotal()).isZero();
  }

  @Test
  void start_udpWithoutPeers_failsNamingUnicastPeer() {
    Node n = new Node("M", 100, udp, b -> b.sourceAddress("127.0.0.31"));
    assertThatThrownBy(() -> n.instance.start().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasRootCauseMessage(
            "UDP transport needs unicast peers (unicast_peer); multicast VRRP needs the raw IP transport");
  }
}
