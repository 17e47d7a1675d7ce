package io.hakit.examples.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.linux.LinuxRawTransportFactory;
import io.hakit.vrrp.linux.NetlinkAddressManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VRRPv3 over IPv6 between HAKit (API, node h, priority 150) and keepalived (node k, priority
 * 100): adverts from link-local addresses to ff02::12 with hop limit 255, checksums over the IPv6
 * pseudo-header; HAKit wins, and its graceful stop hands the IPv6 VIP over after Skew_Time.
 */
class Ipv6InteropIT {
  private static final String VIP6 = "2001:db8:51::200/64";

  private VrrpRig rig;
  private NetnsThread inH;
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
    if (inH != null) {
      inH.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void hakitAndKeepalived_v3Ipv6_hakitMasterThenGracefulHandover() throws Exception {
    awaitLinkLocal(rig.h);
    awaitLinkLocal(rig.k);
    Files.writeString(rig.directory.resolve("k6.conf"), """
        vrrp_instance VI_61 {
          state BACKUP
          interface eth0
          virtual_router_id 61
          priority 100
          advert_int 0.1
          version 3
          virtual_ipaddress {
            %s dev eth0
          }
        }
        """.formatted(VIP6), StandardCharsets.US_ASCII);
    RunningSpeaker keepalived = rig.track(NodeProcess.keepalived(rig.k, rig.directory, "k6"));
    rig.awaitCondition(keepalived::isReady, 10_000, "keepalived running");
    hakit = VrrpInstance.builder().name("VI_61").vrid(61).priority(150).interfaceName(Lan.NODE_IF)
        .virtualAddress(VIP6).version(3).advertInterval(Duration.ofMillis(100))
        .transportFactory(new LinuxRawTransportFactory()).addressManager(new NetlinkAddressManager()).build();
    inH = new NetnsThread(rig.h);
    inH.call(() -> hakit.start().toCompletableFuture().get(10, TimeUnit.SECONDS));

    rig.awaitCondition(() -> has(rig.h) && !has(rig.k), 5_000, "HAKit holds the IPv6 VIP, keepalived does not");
    assertThat(hakit.vrrpState()).isEqualTo(VrrpState.MASTER);
    assertThat(hakit.sourceAddress().isLinkLocalAddress()).isTrue();
    rig.assertVipStaysOnlyOnPredicate(() -> has(rig.h) && !has(rig.k), 600, "keepalived hears HAKit's IPv6 adverts");
    assertThat(hakit.counters().droppedTotal()).as("drops: %s", hakit.counters().drops()).isZero();

    long stop = System.nanoTime();
    hakit.stop(Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    rig.awaitCondition(() -> has(rig.k) && !has(rig.h), 1_000, "keepalived takes the IPv6 VIP after the priority-0 advert");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stop)).isLessThan(1_000);
  }

  private static boolean has(Lan.Node node) {
    try {
      return Shell.run("ip", "-n", node.ns, "-6", "addr", "show", "dev", Lan.NODE_IF).contains("inet6 " + VIP6 + " ");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitLinkLocal(Lan.Node node) {
    rig.awaitCondition(() -> {
      try {
        String out = Shell.run("ip", "-n", node.ns, "-6", "addr", "show", "dev", Lan.NODE_IF, "scope", "link");
        return out.contains("fe80::") && !out.contains("tentative");
      } catch (IOException e) {
        return false;
      }
    }, 5_000, "a usable link-local address on " + node.ns);
  }
}
