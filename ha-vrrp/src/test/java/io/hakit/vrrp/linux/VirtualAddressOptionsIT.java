package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.config.KeepalivedConfig;
import io.hakit.vrrp.config.KeepalivedConfigReader;
import io.hakit.vrrp.config.KeepalivedRunner;
import io.hakit.vrrp.fsm.VrrpState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * keepalived's {@code virtual_ipaddress} options on a real kernel: the same keepalived.conf runs
 * under keepalived 2.2.7 in one namespace and under HAKit's runner (raw socket, rtnetlink) in
 * another; each becomes master at once (priority 255), and {@code ip -d addr} must then show the
 * same addresses with the same broadcast, scope, label and flags on both. Each namespace is a
 * {@link VethPairNode} linked to nothing, so the two masters never meet.
 */
class VirtualAddressOptionsIT {
  private static final String LAST_VIP = "198.18.3.18";
  private static final String CONF = """
      vrrp_instance VI_1 {
        state MASTER
        interface eth0
        virtual_router_id 91
        priority 255
        advert_int 1
        virtual_ipaddress {
          198.18.3.10/24 brd + label eth0:vip
          198.18.3.11/24 brd - label eth0:v2
          198.18.3.12/24 brd 198.18.3.99
          198.18.3.13/24
          198.18.3.14/24 dev eth1 scope host no_track
          198.18.3.15/30 brd +
          198.18.3.16/31 brd +
          198.18.3.17/32 scope link
          198.18.3.18/24 noprefixroute label eth0:last
        }
      }
      """;

  private Netns hakitNs;
  private Netns keepalivedNs;
  private Keepalived keepalived;
  private KeepalivedRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
    hakitNs = VethPairNode.create("hkoh");
    keepalivedNs = VethPairNode.create("hkok");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runner != null) {
      runner.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (keepalived != null) {
      keepalived.close();
    }
    if (hakitNs != null) {
      hakitNs.close();
    }
    if (keepalivedNs != null) {
      keepalivedNs.close();
    }
  }

  @Test
  void master_sameConfAsKeepalived_sameAddressesWithBroadcastScopeLabelAndFlags() throws Exception {
    keepalived = Keepalived.start(keepalivedNs, CONF);
    KeepalivedConfig config = KeepalivedConfigReader.parse("options.conf", CONF);
    // Created and started on the namespace's thread: the runner's threads and sockets live there.
    runner = hakitNs.call(() -> {
      KeepalivedRunner r = KeepalivedRunner.create(config, new LinuxRawTransportFactory(), new NetlinkAddressManager());
      r.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return r;
    });

    await(() -> runner.instances().get(0).vrrpState() == VrrpState.MASTER && has(hakitNs, LAST_VIP),
        "HAKit master with every address");
    await(() -> has(keepalivedNs, LAST_VIP), "keepalived master with every address; log:\n" + keepalived.log());

    List<String> ours = virtualAddresses(hakitNs);
    assertThat(ours).contains(
        "inet 198.18.3.10/24 brd 198.18.3.255 scope global secondary eth0:vip",
        "inet 198.18.3.11/24 brd 198.18.3.0 scope global secondary eth0:v2",
        "inet 198.18.3.12/24 brd 198.18.3.99 scope global secondary eth0",
        "inet 198.18.3.14/24 scope host eth1",
        "inet 198.18.3.15/30 brd 198.18.3.15 scope global eth0",
        "inet 198.18.3.16/31 scope global eth0",
        "inet 198.18.3.17/32 scope link eth0",
        "inet 198.18.3.18/24 scope global secondary noprefixroute eth0:last");
    assertThat(ours).as("keepalived's log:\n%s", keepalived.log())
        .containsExactlyInAnyOrderElementsOf(virtualAddresses(keepalivedNs));

    runner.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(virtualAddresses(hakitNs)).as("every address removed at stop, labels and all").isEmpty();
  }

  /** The {@code inet} lines of {@code ip -d addr} but the base address and loopback, as iproute2 prints them. */
  private static List<String> virtualAddresses(Netns ns) throws IOException {
    return Netns.run("ip", "-n", ns.name(), "-d", "-4", "addr", "show").lines().map(String::strip)
        .filter(l -> l.startsWith("inet ") && !l.startsWith("inet " + VethPairNode.BASE_ETH0 + "/")
            && !l.startsWith("inet " + VethPairNode.BASE_ETH1 + "/") && !l.startsWith("inet 127."))
        .sorted().toList();
  }

  private static boolean has(Netns ns, String address) {
    try {
      return Netns.run("ip", "-n", ns.name(), "-4", "addr", "show").contains("inet " + address + "/");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within 15 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
