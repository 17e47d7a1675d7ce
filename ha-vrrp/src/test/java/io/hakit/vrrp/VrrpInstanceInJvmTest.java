package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.health.Health;
import io.hakit.core.health.ManualHealthSource;
import io.hakit.core.lifecycle.LifecycleState;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.AdvertisementCodec;
import io.hakit.vrrp.packet.DropReason;
import io.hakit.vrrp.packet.VrrpProtocol;
import io.hakit.vrrp.transport.InJvmLink;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two and three instances on an in-JVM link, VRRPv3 at 200 ms (Master_Down_Interval about 0.7 s):
 * election, crash, graceful handover, preemption, nopreempt, tracking, malformed packets.
 */
class VrrpInstanceInJvmTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final InetAddress A = addr("198.18.0.11");
  private static final InetAddress B = addr("198.18.0.12");
  private static final InetAddress C = addr("198.18.0.13");

  private final InJvmLink link = new InJvmLink("test");
  private final List<Node> nodes = new ArrayList<>();

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private Node node(String name, InetAddress address, int priority,
      java.util.function.UnaryOperator<VrrpInstanceBuilder> extra) throws Exception {
    Node n = new Node(name, priority, link.factory(address),
        b -> extra.apply(b.version(3).advertInterval(Duration.ofMillis(200))));
    nodes.add(n);
    return n.start();
  }

  private Node node(String name, InetAddress address, int priority) throws Exception {
    return node(name, address, priority, b -> b);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node n : nodes) {
      n.close();
    }
  }

  @Test
  void start_twoNodes_higherPriorityIsMasterAndHoldsTheVip() throws Exception {
    Node a = node("A", A, 150);
    Node b = node("B", B, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 3, WAIT, () -> "B hears A");
    assertThat(b.instance.vrrpState()).isEqualTo(VrrpState.BACKUP);
    assertThat(a.vips()).extracting(v -> v.address().getHostAddress()).containsExactly("198.18.0.200");
    assertThat(b.vips()).isEmpty();
    assertThat(a.instance.counters().becameMaster()).isEqualTo(1);
    assertThat(a.instance.counters().advertsSent()).isPositive();
    assertThat(a.instance.state()).isEqualTo(LifecycleState.RUNNING);
  }

  @Test
  void excludedAddress_movesWithMastershipButIsNotAdvertised() throws Exception {
    Node a = node("A", A, 150, bld -> bld.excludedAddress("2001:db8::1/64"));
    Node b = node("B", B, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 3 && a.vips().size() == 2, WAIT,
        () -> "B hears A (no address mismatch) and A holds both addresses: " + a.vips());
    assertThat(b.instance.counters().droppedTotal()).isZero();
    assertThat(a.instance.excludedAddresses()).singleElement().hasToString("2001:db8:0:0:0:0:0:1/64 dev test0");
    a.instance.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(a.vips()).isEmpty();
  }

  @Test
  void abandon_masterCrashes_backupTakesOverThenOriginalPreemptsBack() throws Exception {
    Node a = node("A", A, 150);
    Node b = node("B", B, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 2, WAIT, () -> "B hears A");

    a.instance.abandon().toCompletableFuture().get(5, TimeUnit.SECONDS);
    StateChange takeover = b.states.awaitLatest(VrrpState.MASTER, WAIT);
    assertThat(takeover.reason()).contains("Master_Down_Interval");
    Await.until(() -> !b.vips().isEmpty(), WAIT, () -> "B adds the VIP");
    assertThat(a.vips()).as("a crash leaves the VIP behind").isNotEmpty();

    // The crashed node comes back as a fresh process: removes its stale VIP, then preempts.
    Node a2 = node("A", A, 150);
    a2.states.awaitLatest(VrrpState.MASTER, WAIT);
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
    Await.until(() -> b.vips().isEmpty(), WAIT, () -> "B drops the VIP");
    assertThat(b.states.last().reason()).contains("higher priority (150)");
    assertThat(a2.vips()).hasSize(1);
  }

  @Test
  void stop_masterGraceful_backupTakesOverAfterSkewTime() throws Exception {
    Node a = node("A", A, 150);
    Node b = node("B", B, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 2, WAIT, () -> "B hears A");

    a.instance.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(a.vips()).isEmpty();
    assertThat(a.states.last().to()).isEqualTo(VrrpState.INIT);
    assertThat(a.instance.state()).isEqualTo(LifecycleState.STOPPED);
    StateChange takeover = b.states.awaitLatest(VrrpState.MASTER, WAIT);
    assertThat(takeover.reason()).contains("master left (priority 0)");
    Await.until(() -> b.vips().size() == 1, WAIT, () -> "B holds the VIP");
  }

  @Test
  void start_nopreemptHigherPriorityJoinsLate_staysBackup() throws Exception {
    Node b = node("B", B, 100);
    b.states.awaitLatest(VrrpState.MASTER, WAIT);
    Node a = node("A", A, 150, VrrpInstanceBuilder::nopreempt);
    a.states.awaitLatest(VrrpState.BACKUP, WAIT);
    // Ten adverts of the lower master (2 s, about three Master_Down_Intervals): A stays backup.
    Await.until(() -> a.instance.counters().advertsReceived() >= 10, WAIT, () -> "A hears B");
    assertThat(a.instance.vrrpState()).isEqualTo(VrrpState.BACKUP);
    assertThat(b.instance.vrrpState()).isEqualTo(VrrpState.MASTER);
    assertThat(a.states.changes()).extracting(StateChange::to).doesNotContain(VrrpState.MASTER);
  }

  @Test
  void start_preemptingHigherPriorityJoinsLate_takesOver() throws Exception {
    Node b = node("B", B, 100);
    b.states.awaitLatest(VrrpState.MASTER, WAIT);
    Node a = node("A", A, 150);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
    Await.until(() -> b.vips().isEmpty(), WAIT, () -> "B drops the VIP");
  }

  @Test
  void threeNodes_crashThenGracefulStop_nextHighestTakesOverEachTime() throws Exception {
    Node a = node("A", A, 150);
    Node b = node("B", B, 120);
    Node c = node("C", C, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> c.instance.counters().advertsReceived() >= 2 && b.instance.counters().advertsReceived() >= 2,
        WAIT, () -> "B and C hear A");
    a.instance.abandon().toCompletableFuture().get(5, TimeUnit.SECONDS);
    b.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> c.instance.counters().advertsReceived() >= 6, WAIT, () -> "C hears B");
    assertThat(c.instance.vrrpState()).isEqualTo(VrrpState.BACKUP);
    b.instance.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(c.states.awaitLatest(VrrpState.MASTER, WAIT).reason()).contains("priority 0");
  }

  @Test
  void track_negativeWeightFails_peerPreemptsAndRecoveryPreemptsBack() throws Exception {
    ManualHealthSource proxy = new ManualHealthSource("chk_proxy", Health.up("listening"));
    Node a = node("A", A, 150, bld -> bld.track(proxy, -60));
    Node b = node("B", B, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 2, WAIT, () -> "B hears A");
    proxy.set(Health.down("connection refused"));
    Await.until(() -> a.instance.effectivePriority() == 90, WAIT, () -> "A's priority drops to 90");
    b.states.awaitLatest(VrrpState.MASTER, WAIT);
    a.states.awaitLatest(VrrpState.BACKUP, WAIT);
    proxy.set(Health.up("listening again"));
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
  }

  @Test
  void track_weightZeroFails_masterEntersFaultAndBackupTakesOverAfterSkew() throws Exception {
    ManualHealthSource proxy = new ManualHealthSource("chk_proxy", Health.up("listening"));
    Node a = node("A", A, 150, bld -> bld.track(proxy, 0));
    Node b = node("B", B, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 2, WAIT, () -> "B hears A");
    proxy.set(Health.down("connection refused"));
    StateChange fault = a.states.awaitLatest(VrrpState.FAULT, WAIT);
    assertThat(fault.reason()).contains("chk_proxy failed: connection refused");
    assertThat(b.states.awaitLatest(VrrpState.MASTER, WAIT).reason()).contains("priority 0");
    Await.until(() -> a.vips().isEmpty(), WAIT, () -> "A drops the VIP");
    proxy.set(Health.up("back"));
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
  }

  @Test
  void equalPriority_backupWithHigherAddressStaysBackup_masterYieldsToHigherAddressMaster() throws Exception {
    Node a = node("A", A, 100);
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    // RFC 5798 6.4.2: a backup treats an equal priority as "higher or equal" whatever the addresses.
    Node c = node("C", C, 100);
    Await.until(() -> c.instance.counters().advertsReceived() >= 6, WAIT, () -> "C hears A");
    assertThat(c.instance.vrrpState()).isEqualTo(VrrpState.BACKUP);
    // Two masters (say, after a partition healed): the lower primary address steps down (6.4.3).
    byte[] fromHigherMaster = AdvertisementCodec.encode(
        Advertisement.v3(51, 100, 20, List.of(addr("198.18.0.200"))), addr("198.18.0.99"), VrrpProtocol.GROUP_V4);
    link.inject(addr("198.18.0.99"), VrrpProtocol.GROUP_V4, 255, fromHigherMaster);
    assertThat(a.states.awaitLatest(VrrpState.BACKUP, WAIT).reason())
        .contains("equal priority advert from higher address 198.18.0.99");
  }

  @Test
  void start_v3Ipv6_electsAndHandsOver() throws Exception {
    InetAddress a6 = addr("fe80::11");
    InetAddress b6 = addr("fe80::12");
    java.util.function.UnaryOperator<VrrpInstanceBuilder> v6 = bld -> bld.virtualAddress("2001:db8:51::200/64");
    Node a = new Node("A6", 150, link.factory(a6), bld -> v6.apply(bld.version(3).advertInterval(Duration.ofMillis(200))),
        false);
    Node b = new Node("B6", 100, link.factory(b6), bld -> v6.apply(bld.version(3).advertInterval(Duration.ofMillis(200))),
        false);
    nodes.add(a);
    nodes.add(b);
    a.start();
    b.start();
    a.states.awaitLatest(VrrpState.MASTER, WAIT);
    Await.until(() -> b.instance.counters().advertsReceived() >= 2, WAIT, () -> "B6 hears A6");
    assertThat(a.vips()).extracting(v -> v.address().getHostAddress()).containsExactly("2001:db8:51:0:0:0:0:200");
    a.instance.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(b.states.awaitLatest(VrrpState.MASTER, WAIT).reason()).contains("priority 0");
    assertThat(b.instance.counters().droppedTotal()).isZero();
  }

  @Test
  void receive_malformedPackets_droppedCountedWithoutStateChange() throws Exception {
    Node b = node("B", B, 100);
    b.states.awaitLatest(VrrpState.MASTER, WAIT);
    int changes = b.states.changes().size();
    List<InetAddress> vip = List.of(addr("198.18.0.200"));
    InetAddress g = VrrpProtocol.GROUP_V4;
    byte[] higher = AdvertisementCodec.encode(Advertisement.v3(51, 254, 20, vip), A, g);
    byte[] badChecksum = higher.clone();
    badChecksum[2] = (byte) 253;
    byte[] wrongVrid = AdvertisementCodec.encode(Advertisement.v3(52, 254, 20, vip), A, g);
    byte[] wrongAddress = AdvertisementCodec.encode(Advertisement.v3(51, 254, 20, List.of(addr("198.18.0.99"))), A, g);
    byte[] v2 = AdvertisementCodec.encode(Advertisement.v2(51, 254, 1, vip), A, g);
    assertThat(link.inject(A, g, 254, higher)).isEqualTo(1);
    link.inject(A, g, 255, badChecksum);
    link.inject(A, g, 255, wrongVrid);
    link.inject(A, g, 255, Arrays.copyOf(higher, 7));
    link.inject(A, g, 255, Arrays.copyOf(higher, 11));
    link.inject(A, g, 255, wrongAddress);
    link.inject(A, g, 255, v2);
    link.inject(A, g, 255, new byte[] {(byte) 0x3f, 0, 0});
    Await.until(() -> b.instance.counters().droppedTotal() >= 8, WAIT, () -> "8 drops, got "
        + b.instance.counters().drops());
    VrrpCounters counters = b.instance.counters();
    assertThat(counters.dropped(DropReason.BAD_TTL)).isEqualTo(1);
    assertThat(counters.dropped(DropReason.BAD_CHECKSUM)).isEqualTo(1);
    assertThat(counters.dropped(DropReason.WRONG_VRID)).isEqualTo(1);
    assertThat(counters.dropped(DropReason.TRUNCATED)).isEqualTo(3);
    assertThat(counters.dropped(DropReason.ADDRESS_MISMATCH)).isEqualTo(1);
    assertThat(counters.dropped(DropReason.BAD_VERSION)).isEqualTo(1);
    assertThat(counters.advertsReceived()).isZero();
    assertThat(b.instance.vrrpState()).isEqualTo(VrrpState.MASTER);
    assertThat(b.states.changes()).hasSize(changes);
    // And a valid higher-priority advert still works afterwards: the receive path survived.
    link.inject(A, g, 255, higher);
    b.states.awaitLatest(VrrpState.BACKUP, WAIT);
  }
}
