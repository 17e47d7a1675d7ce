package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.address.VirtualAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The netlink address manager in a namespace, checked with iproute2 from outside ({@code ip -n NS}). */
class NetlinkAddressManagerIT {
  private final NetlinkAddressManager manager = new NetlinkAddressManager();
  private TwoNodeLink link;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns());
    link = TwoNodeLink.create();
  }

  @AfterEach
  void tearDown() {
    if (link != null) {
      link.close();
    }
  }

  @Test
  void addThenRemove_ipv4_visibleToIproute2AndIdempotent() throws Exception {
    VirtualAddress vip = vip("198.18.0.200", 24);

    link.a.call(() -> {
      manager.add(vip);
      manager.add(vip);
      return null;
    });
    assertThat(addresses(link.a)).contains("inet 198.18.0.200/24");
    assertThat(link.a.call(() -> manager.isPresent(vip))).isTrue();
    assertThat(link.a.call(() -> manager.isPresent(vip("198.18.0.200", 32)))).isFalse();

    link.a.call(() -> {
      manager.remove(vip);
      manager.remove(vip);
      return null;
    });
    assertThat(addresses(link.a)).doesNotContain("198.18.0.200");
    assertThat(link.a.call(() -> manager.isPresent(vip))).isFalse();
  }

  @Test
  void add_ipv6_presentWithoutDuplicateAddressDetection() throws Exception {
    VirtualAddress vip = vip("2001:db8:51::200", 64);

    link.a.call(() -> {
      manager.add(vip);
      return null;
    });

    String shown = link.a.exec("ip", "-6", "addr", "show", "dev", TwoNodeLink.A_IF);
    assertThat(shown).contains("inet6 2001:db8:51::200/64").doesNotContain("tentative");
    assertThat(link.a.call(() -> manager.isPresent(vip))).isTrue();
    link.a.call(() -> {
      manager.remove(vip);
      return null;
    });
    assertThat(addresses(link.a)).doesNotContain("2001:db8:51::200");
  }

  @Test
  void removeStale_addressLeftByACrash_removedAndReported() throws Exception {
    link.a.exec("ip", "addr", "add", "198.18.0.200/32", "dev", TwoNodeLink.A_IF);
    VirtualAddress stale = vip("198.18.0.200", 32);
    VirtualAddress absent = vip("198.18.0.201", 32);

    List<VirtualAddress> removed = link.a.call(() -> manager.removeStale(List.of(stale, absent)));

    assertThat(removed).containsExactly(stale);
    assertThat(addresses(link.a)).doesNotContain("198.18.0.200");
  }

  @Test
  void announce_ipv4_peerLearnsOurMacFromTheGratuitousArp() throws Exception {
    link.b.sysctl("net.ipv4.conf." + TwoNodeLink.B_IF + ".arp_accept", "1");
    VirtualAddress vip = vip("198.18.0.200", 24);
    String mac = macOf(link.a, TwoNodeLink.A_IF);

    link.a.call(() -> {
      manager.add(vip);
      manager.announce(vip);
      return null;
    });

    awaitNeighbour(link.b, "198.18.0.200", mac);
  }

  @Test
  void announce_ipv6_peerLearnsOurMacFromTheNeighbourAdvertisement() throws Exception {
    // A peer only records an advertisement it did not ask for when it routes and accepts untracked NAs.
    link.b.sysctl("net.ipv6.conf." + TwoNodeLink.B_IF + ".forwarding", "1");
    link.b.sysctl("net.ipv6.conf." + TwoNodeLink.B_IF + ".accept_untracked_na", "1");
    VirtualAddress vip = vip("2001:db8:51::200", 64);
    String mac = macOf(link.a, TwoNodeLink.A_IF);

    link.a.call(() -> {
      manager.add(vip);
      manager.announce(vip);
      return null;
    });

    awaitNeighbour(link.b, "2001:db8:51::200", mac);
  }

  @Test
  void changeAddress_kernelRefuses_explainsWithItsExtendedAck() throws Exception {
    RtnlMessages.Ack ack = link.a.call(() ->
        Rtnetlink.changeAddress(true, address("198.18.0.200"), 40, Interfaces.index(TwoNodeLink.A_IF),
            io.hakit.vrrp.address.AddressOptions.NONE));

    assertThat(ack.errno()).isEqualTo(22);
    assertThat(ack.message()).containsIgnoringCase("prefix");
  }

  @Test
  void add_unknownInterface_failsNamingIt() {
    VirtualAddress vip = new VirtualAddress(address("198.18.0.200"), 32, "nosuch0");

    assertThatThrownBy(() -> link.a.call(() -> {
      manager.add(vip);
      return null;
    })).isInstanceOf(IOException.class).hasMessageContaining("'nosuch0'");
  }

  @Test
  void remove_unknownInterface_isAbsentAlready() throws Exception {
    VirtualAddress vip = new VirtualAddress(address("198.18.0.200"), 32, "nosuch0");

    assertThat(link.a.call(() -> {
      manager.remove(vip);
      return manager.isPresent(vip);
    })).isFalse();
  }

  private static VirtualAddress vip(String ip, int prefix) {
    return new VirtualAddress(address(ip), prefix, TwoNodeLink.A_IF);
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String addresses(Netns ns) throws IOException {
    return Netns.run("ip", "-n", ns.name(), "addr", "show", "dev", TwoNodeLink.A_IF);
  }

  private static String macOf(Netns ns, String interfaceName) throws IOException {
    String out = ns.exec("ip", "-o", "link", "show", "dev", interfaceName);
    int at = out.indexOf("link/ether ");
    return out.substring(at + 11, at + 28).toLowerCase(Locale.ROOT);
  }

  private static void awaitNeighbour(Netns ns, String ip, String mac) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ns.exec("ip", "neigh", "show", ip);
      if (last.contains("lladdr " + mac)) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no neighbour entry " + ip + " -> " + mac + " in " + ns.name() + "; last: " + last);
  }
}
