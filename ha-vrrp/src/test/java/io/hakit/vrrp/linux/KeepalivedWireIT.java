package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.transport.ReceivedMessage;
import io.hakit.vrrp.transport.TransportSpec;
import io.hakit.vrrp.transport.VrrpTransport;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw transport against keepalived 2.2.7 on a veth link: keepalived's adverts arrive intact
 * with TTL 255, and keepalived accepts what we send (it yields to our higher priority and drops its
 * VIP). VRRPv3 at 100 ms keeps the elections short.
 */
class KeepalivedWireIT {
  private static final String VIP = "198.18.0.200";
  private static final String VIP6 = "2001:db8:51::200";
  private static final int VRID = 51;

  private TwoNodeLink link;
  private Keepalived keepalived;
  private VrrpTransport transport;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
    link = TwoNodeLink.create();
  }

  @AfterEach
  void tearDown() {
    if (transport != null) {
      transport.close();
    }
    if (keepalived != null) {
      keepalived.close();
    }
    if (link != null) {
      link.close();
    }
  }

  @Test
  void keepalivedMaster_advertsReachOurTransport_thenYieldsToOurHigherPriority() throws Exception {
    BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
    transport = link.a.call(() -> {
      VrrpTransport t = new LinuxRawTransportFactory().create(new TransportSpec(TwoNodeLink.A_IF, false, List.of(), null));
      t.start(received::add);
      return t;
    });
    keepalived = Keepalived.start(link.b, config(link.b.name()));

    ReceivedMessage advert = received.poll(10, TimeUnit.SECONDS);
    assertThat(advert).as("keepalived advert; log:%n%s", keepalived.log()).isNotNull();
    assertThat(advert.source()).isEqualTo(InetAddress.getByName(TwoNodeLink.B_IP));
    assertThat(advert.destination()).isEqualTo(LinuxRawTransport.GROUP_IPV4);
    assertThat(advert.ttl()).isEqualTo(255);
    byte[] p = advert.payload();
    assertThat(p).hasSize(12);
    assertThat(p[0]).isEqualTo((byte) 0x31); // version 3, advertisement
    assertThat(p[1] & 0xff).isEqualTo(VRID);
    assertThat(p[2] & 0xff).isEqualTo(100);
    assertThat(p[4] << 8 | p[5] & 0xff).as("interval in centiseconds").isEqualTo(10);
    assertThat(InetAddress.getByAddress(java.util.Arrays.copyOfRange(p, 8, 12))).isEqualTo(InetAddress.getByName(VIP));
    await(() -> vipOnB(), "keepalived holds the VIP as master");

    // Our priority 200 advert every 100 ms: keepalived must accept it (checksum over our source
    // address, TTL 255) and go BACKUP, which removes its VIP.
    byte[] ours = TestPackets.v3(VRID, 200, 10, transport.sourceAddress(), LinuxRawTransport.GROUP_IPV4,
        InetAddress.getByName(VIP));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (vipOnB() && System.nanoTime() < deadline) {
      transport.send(ours, LinuxRawTransport.GROUP_IPV4);
      received.poll(100, TimeUnit.MILLISECONDS); // pace the adverts at keepalived's interval
    }
    assertThat(vipOnB()).as("keepalived yielded; log:%n%s", keepalived.log()).isFalse();

    // Silence: keepalived takes over again after its Master_Down_Interval (about 0.4 s).
    await(() -> vipOnB(), "keepalived back to master once we are silent");
  }

  @Test
  void keepalivedIpv6Master_advertsReachOurTransport_thenYieldsToOurHigherPriority() throws Exception {
    LinuxRawTransportIT.awaitLinkLocal(link.a, TwoNodeLink.A_IF);
    LinuxRawTransportIT.awaitLinkLocal(link.b, TwoNodeLink.B_IF);
    BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
    transport = link.a.call(() -> {
      VrrpTransport t = new LinuxRawTransportFactory().create(new TransportSpec(TwoNodeLink.A_IF, true, List.of(), null));
      t.start(received::add);
      return t;
    });
    keepalived = Keepalived.start(link.b, config(link.b.name()).replace(VIP + "/32", VIP6 + "/64"));

    ReceivedMessage advert = received.poll(10, TimeUnit.SECONDS);
    assertThat(advert).as("keepalived advert; log:%n%s", keepalived.log()).isNotNull();
    assertThat(advert.source().isLinkLocalAddress()).isTrue();
    assertThat(advert.destination()).isEqualTo(LinuxRawTransport.GROUP_IPV6);
    assertThat(advert.ttl()).isEqualTo(255);
    byte[] p = advert.payload();
    assertThat(p).hasSize(8 + 16);
    assertThat(p[0]).isEqualTo((byte) 0x31);
    assertThat(p[1] & 0xff).isEqualTo(VRID);
    assertThat(InetAddress.getByAddress(java.util.Arrays.copyOfRange(p, 8, 24))).isEqualTo(InetAddress.getByName(VIP6));
    await(() -> vip6OnB(), "keepalived holds the IPv6 VIP as master");

    // Checksum left 0: the kernel computes it over the IPv6 pseudo-header (IPV6_CHECKSUM 6).
    byte[] ours = new byte[8 + 16];
    ours[0] = 0x31;
    ours[1] = (byte) VRID;
    ours[2] = (byte) 200;
    ours[3] = 1;
    ours[5] = 10;
    System.arraycopy(InetAddress.getByName(VIP6).getAddress(), 0, ours, 8, 16);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (vip6OnB() && System.nanoTime() < deadline) {
      transport.send(ours, LinuxRawTransport.GROUP_IPV6);
      received.poll(100, TimeUnit.MILLISECONDS);
    }
    assertThat(vip6OnB()).as("keepalived yielded; log:%n%s", keepalived.log()).isFalse();
  }

  private boolean vip6OnB() {
    try {
      return Netns.run("ip", "-n", link.b.name(), "-6", "addr", "show", "dev", TwoNodeLink.B_IF).contains(VIP6 + "/64");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean vipOnB() {
    try {
      return Netns.run("ip", "-n", link.b.name(), "-4", "addr", "show", "dev", TwoNodeLink.B_IF).contains(VIP + "/32");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("timed out: " + what + "; keepalived log:\n" + keepalived.log());
  }

  private static String config(String routerId) {
    return """
        global_defs {
          router_id %s
        }
        vrrp_instance VI_51 {
          state BACKUP
          interface vb
          virtual_router_id 51
          priority 100
          advert_int 0.1
          version 3
          virtual_ipaddress {
            198.18.0.200/32 dev vb
          }
        }
        """.formatted(routerId);
  }
}
