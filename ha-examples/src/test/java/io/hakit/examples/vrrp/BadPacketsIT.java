package io.hakit.examples.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.linux.LinuxRawTransportFactory;
import io.hakit.vrrp.linux.NetlinkAddressManager;
import io.hakit.vrrp.packet.DropReason;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HAKit through its API on node h (a thread inside h's namespace starts the instance, so its
 * sockets and threads live there), keepalived as the backup on node k, and a third node x putting
 * bad adverts on the wire: each claims priority 254, so a packet that got through would make
 * HAKit step down. They are dropped, counted per reason, and change nothing; a good one, sent last,
 * proves the injection path works.
 */
class BadPacketsIT {
  private VrrpRig rig;
  private NetnsThread inH;
  private Injector injector;
  private VrrpInstance hakit;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
    rig = VrrpRig.create();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (hakit != null) {
      hakit.abandon().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (injector != null) {
      injector.close();
    }
    if (inH != null) {
      inH.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void badAdverts_droppedAndCountedPerReason_masterStaysMaster() throws Exception {
    List<StateChange> changes = new CopyOnWriteArrayList<>();
    hakit = VrrpInstance.builder().name("VI_51").vrid(Conf.VRID).priority(150).interfaceName(Lan.NODE_IF)
        .virtualAddress(Conf.VIP_CIDR).version(3).advertInterval(Duration.ofMillis(100))
        .transportFactory(new LinuxRawTransportFactory()).addressManager(new NetlinkAddressManager())
        .listener(changes::add).build();
    VrrpRig.KEEPALIVED.start(rig, rig.k, "keepalived", Conf.v3("k", 100));
    inH = new NetnsThread(rig.h);
    inH.call(() -> hakit.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
    rig.awaitVipOnlyOn(rig.h, rig.k, 10_000, System.nanoTime(), "HAKit (150) master over keepalived (100)");
    rig.awaitCondition(() -> !changes.isEmpty() && changes.get(changes.size() - 1).to() == VrrpState.MASTER, 5_000,
        "the MASTER notification (sent after the VIP was added)");
    long masters = hakit.counters().becameMaster();
    int changesBefore = changes.size();

    Lan.Node x = rig.lan.addNode("x", 9);
    injector = new Injector(x);
    InetAddress from = InetAddress.getByName(x.ip);
    InetAddress vip = InetAddress.getByName(Conf.VIP);
    byte[] good = Injector.v3(Conf.VRID, 254, 10, from, vip);
    byte[] badChecksum = good.clone();
    badChecksum[7] ^= 0x01;
    byte[] truncated = java.util.Arrays.copyOf(good, 6);
    injector.send(from, 254, good);
    injector.send(from, 255, badChecksum);
    injector.send(from, 255, Injector.v3(Conf.VRID + 1, 254, 10, from, vip));
    injector.send(from, 255, truncated);

    rig.awaitCondition(() -> hakit.counters().dropped(DropReason.BAD_TTL) == 1
        && hakit.counters().dropped(DropReason.BAD_CHECKSUM) == 1
        && hakit.counters().dropped(DropReason.WRONG_VRID) == 1
        && hakit.counters().dropped(DropReason.TRUNCATED) == 1, 5_000,
        "one drop per bad packet; counters: " + hakit.counters());
    assertThat(hakit.vrrpState()).isEqualTo(VrrpState.MASTER);
    assertThat(hakit.counters().becameMaster()).isEqualTo(masters);
    assertThat(changes).as("no state change").hasSize(changesBefore);
    assertThat(rig.h.has(Conf.VIP_CIDR)).isTrue();

    // the control: the same advert with TTL 255 is obeyed
    injector.send(from, 255, good);
    rig.awaitCondition(() -> hakit.vrrpState() == VrrpState.BACKUP, 5_000, "a valid priority-254 advert wins");
  }

  @Test
  void wrongPassword_keepalivedsAdvertsDroppedAsAuthMismatch_bothBecomeMaster() throws Exception {
    hakit = VrrpInstance.builder().name("VI_51").vrid(Conf.VRID).priority(100).interfaceName(Lan.NODE_IF)
        .virtualAddress(Conf.VIP_CIDR).version(2).advertInterval(Duration.ofSeconds(1)).password("wrongpw1")
        .transportFactory(new LinuxRawTransportFactory()).addressManager(new NetlinkAddressManager()).build();
    Conf keepalived = Conf.v2("k", 150).withPassword("secret12");
    VrrpRig.KEEPALIVED.start(rig, rig.k, "keepalived", keepalived);
    inH = new NetnsThread(rig.h);
    inH.call(() -> hakit.start().toCompletableFuture().get(10, TimeUnit.SECONDS));

    // Each ignores the other: the split brain that a password mismatch causes (keepalived too).
    rig.awaitCondition(() -> rig.h.has(Conf.VIP_CIDR) && rig.k.has(Conf.VIP_CIDR), 15_000,
        "both nodes master with different passwords");
    rig.awaitCondition(() -> hakit.counters().dropped(DropReason.AUTH_MISMATCH) > 0, 5_000,
        "keepalived's adverts dropped for their password; counters: " + hakit.counters());
    assertThat(hakit.counters().advertsReceived()).isZero();
  }
}
