package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.health.Health;
import io.hakit.core.health.ManualHealthSource;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A master whose transport can time adverts outside the JVM (as the io_uring raw transport does):
 * its timed adverts go through the paced sender, never early, and everything queued is cancelled
 * before a priority-0 advert and when the priority changes. VRRPv3 at 100 ms on an in-JVM link.
 */
class PacedAdvertsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final InJvmLink link = new InJvmLink("paced");
  private final ScheduledPacedTransports paced = new ScheduledPacedTransports(link.factory(address("198.18.0.21")));
  private final List<Node> nodes = new ArrayList<>();

  private static InetAddress address(String literal) {
    return VrrpInstanceBuilder.parseAddressOnly(literal, "test");
  }

  private Node node(String name, int priority, io.hakit.vrrp.transport.VrrpTransportFactory transports,
      java.util.function.UnaryOperator<VrrpInstanceBuilder> extra) throws Exception {
    Node n = new Node(name, priority, transports, b -> extra.apply(b.version(3).advertInterval(Duration.ofMillis(100))));
    nodes.add(n);
    return n.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node n : nodes) {
      n.close();
    }
    paced.shutdown();
  }

  @Test
  void master_timedAdvertsGoThroughThePacedSenderOnTime() throws Exception {
    Node a = node("A", 150, paced, b -> b);
    Node b = node("B", 100, link.factory(address("198.18.0.22")), x -> x);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> paced.count("paced 150") >= 8, WAIT, () -> "paced adverts: " + paced.log);
    assertThat(b.instance.vrrpState()).isEqualTo(VrrpState.BACKUP);
    // Only the advert that announced the new master went from the scheduler thread.
    assertThat(paced.count("java")).isEqualTo(1);
    assertThat(paced.earlySends.get()).isZero();
    Await.until(() -> a.instance.counters().advertsSent() >= 8, WAIT, () -> "counted " + a.instance.counters());
  }

  @Test
  void stop_pacedMaster_cancelsBeforeThePriorityZeroAdvert() throws Exception {
    Node a = node("A", 150, paced, b -> b);
    Node b = node("B", 100, link.factory(address("198.18.0.22")), x -> x);
    Await.until(() -> paced.count("paced 150") >= 3, WAIT, () -> "paced adverts: " + paced.log);
    a.close();
    List<String> log = new ArrayList<>(paced.log);
    int goodbye = log.indexOf("java 0");
    assertThat(goodbye).as("priority 0 sent: %s", log).isPositive();
    assertThat(log.subList(0, goodbye)).contains("cancel");
    assertThat(log.get(goodbye - 1)).isEqualTo("cancel");
    b.states.awaitLatest(VrrpState.MASTER, WAIT);
    assertThat(paced.log.subList(goodbye, paced.log.size())).doesNotContain("paced 150");
  }

  @Test
  void trackedPriorityChange_pacedMaster_requeuesAtTheNewPriority() throws Exception {
    ManualHealthSource health = new ManualHealthSource("proxy", Health.up("ok"));
    Node a = node("A", 150, paced, b -> b.track(health, -20));
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> paced.count("paced 150") >= 2, WAIT, () -> "paced adverts: " + paced.log);
    health.set(Health.down("stopped"));
    Await.until(() -> paced.count("paced 130") >= 3, WAIT, () -> "paced adverts: " + paced.log);
    List<String> log = new ArrayList<>(paced.log);
    int first130 = log.indexOf("paced 130");
    assertThat(log.subList(0, first130)).contains("cancel");
    assertThat(log.subList(first130, log.size())).doesNotContain("paced 150");
  }
}
