package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.transport.ReceivedMessage;
import io.hakit.vrrp.transport.TransportSpec;
import io.hakit.vrrp.transport.VrrpTransport;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw transport on a real link: two namespaces joined by a veth pair, one transport in each
 * (created on a thread that entered the namespace), packets checked as the receiver sees them.
 */
class LinuxRawTransportIT {
  private static final long WAIT_SECONDS = 10;

  private final List<VrrpTransport> opened = new ArrayList<>();
  private TwoNodeLink link;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns());
    link = TwoNodeLink.create();
  }

  @AfterEach
  void tearDown() {
    opened.forEach(VrrpTransport::close);
    if (link != null) {
      link.close();
    }
  }

  @Test
  void send_multicastIpv4_peerReceivesWithTtl255FromPrimaryAddress() throws Exception {
    BlockingQueue<ReceivedMessage> atB = new LinkedBlockingQueue<>();
    BlockingQueue<ReceivedMessage> atA = new LinkedBlockingQueue<>();
    VrrpTransport a = open(link.a, multicast(TwoNodeLink.A_IF, false), atA::add);
    VrrpTransport b = open(link.b, multicast(TwoNodeLink.B_IF, false), atB::add);
    assertThat(a.sourceAddress()).isEqualTo(InetAddress.getByName(TwoNodeLink.A_IP));
    byte[] advert = TestPackets.v2(51, 150, 1, InetAddress.getByName("198.18.0.200"));

    a.send(advert, LinuxRawTransport.GROUP_IPV4);

    ReceivedMessage m = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(m).isNotNull();
    assertThat(m.source()).isEqualTo(InetAddress.getByName(TwoNodeLink.A_IP));
    assertThat(m.destination()).isEqualTo(LinuxRawTransport.GROUP_IPV4);
    assertThat(m.ttl()).isEqualTo(255);
    assertThat(m.payload()).isEqualTo(advert);
    // b answers; a hears b but never its own advert (multicast loop is off)
    byte[] reply = TestPackets.v2(51, 100, 1, InetAddress.getByName("198.18.0.200"));
    b.send(reply, LinuxRawTransport.GROUP_IPV4);
    ReceivedMessage atAFirst = atA.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(atAFirst).isNotNull();
    assertThat(atAFirst.payload()).isEqualTo(reply);
    assertThat(atAFirst.source()).isEqualTo(InetAddress.getByName(TwoNodeLink.B_IP));
  }

  @Test
  void receive_ttlBelow255_reportedAsReceivedForTheCodecToDrop() throws Exception {
    BlockingQueue<ReceivedMessage> atB = new LinkedBlockingQueue<>();
    open(link.b, multicast(TwoNodeLink.B_IF, false), atB::add);
    byte[] advert = TestPackets.v2(51, 150, 1, InetAddress.getByName("198.18.0.200"));
    link.a.call(() -> {
      try (NativeSocket s = NativeSocket.open(LibC.AF_INET, LibC.SOCK_RAW, LibC.IPPROTO_VRRP, "test sender")) {
        s.bindToDevice(TwoNodeLink.A_IF);
        s.setInt(LibC.IPPROTO_IP, LibC.IP_MULTICAST_TTL, 254, "IP_MULTICAST_TTL");
        s.sendTo(advert, advert.length, NativeStructs.sockaddr(LinuxRawTransport.GROUP_IPV4, 0), "224.0.0.18");
      }
      return null;
    });

    ReceivedMessage m = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(m).isNotNull();
    assertThat(m.ttl()).isEqualTo(254);
    assertThat(m.payload()).isEqualTo(advert);
  }

  @Test
  void send_unicastPeer_peerReceivesOnItsOwnAddress() throws Exception {
    InetAddress aIp = InetAddress.getByName(TwoNodeLink.A_IP);
    InetAddress bIp = InetAddress.getByName(TwoNodeLink.B_IP);
    BlockingQueue<ReceivedMessage> atB = new LinkedBlockingQueue<>();
    TransportSpec aSpec = new TransportSpec(TwoNodeLink.A_IF, false, List.of(bIp), aIp);
    TransportSpec bSpec = new TransportSpec(TwoNodeLink.B_IF, false, List.of(aIp), bIp);
    VrrpTransport a = open(link.a, aSpec, m -> { });
    open(link.b, bSpec, atB::add);
    byte[] advert = TestPackets.v3(51, 150, 100, aIp, bIp, InetAddress.getByName("198.18.0.200"));

    a.send(advert, bIp);

    ReceivedMessage m = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(m).isNotNull();
    assertThat(m.source()).isEqualTo(aIp);
    assertThat(m.destination()).isEqualTo(bIp);
    assertThat(m.ttl()).isEqualTo(255);
    assertThat(m.payload()).isEqualTo(advert);
  }

  @Test
  void send_multicastIpv6_peerReceivesHopLimit255FromLinkLocal() throws Exception {
    BlockingQueue<ReceivedMessage> atB = new LinkedBlockingQueue<>();
    awaitLinkLocal(link.a, TwoNodeLink.A_IF);
    awaitLinkLocal(link.b, TwoNodeLink.B_IF);
    VrrpTransport a = open(link.a, multicast(TwoNodeLink.A_IF, true), m -> { });
    open(link.b, multicast(TwoNodeLink.B_IF, true), atB::add);
    assertThat(a.sourceAddress()).isInstanceOf(Inet6Address.class);
    assertThat(a.sourceAddress().isLinkLocalAddress()).isTrue();
    // v3/IPv6 advert with the checksum left 0: the kernel fills it in (IPV6_CHECKSUM) and checks it at b
    byte[] advert = {0x31, 51, (byte) 150, 1, 0, 100, 0, 0,
        0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x51, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0};

    a.send(advert, LinuxRawTransport.GROUP_IPV6);

    ReceivedMessage m = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(m).isNotNull();
    assertThat(m.source()).isEqualTo(a.sourceAddress());
    assertThat(m.destination()).isEqualTo(LinuxRawTransport.GROUP_IPV6);
    assertThat(m.ttl()).isEqualTo(255);
    assertThat(m.payload()).hasSize(advert.length);
    assertThat(m.payload()[2] & 0xff).isEqualTo(150);
    assertThat(m.payload()[6] | m.payload()[7]).as("checksum filled in by the kernel").isNotZero();
  }

  @Test
  void receive_receiverThrowsAndRuntPackets_loopKeepsDelivering() throws Exception {
    BlockingQueue<ReceivedMessage> atB = new LinkedBlockingQueue<>();
    int[] calls = {0};
    VrrpTransport a = open(link.a, multicast(TwoNodeLink.A_IF, false), m -> { });
    open(link.b, multicast(TwoNodeLink.B_IF, false), m -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("receiver bug on the first message");
      }
      atB.add(m);
    });
    a.send(new byte[] {0x21, 51, 1}, LinuxRawTransport.GROUP_IPV4); // the receiver throws on this one
    a.send(new byte[] {0x21}, LinuxRawTransport.GROUP_IPV4); // a runt: delivered as is, for the codec to drop
    byte[] advert = TestPackets.v2(51, 150, 1, InetAddress.getByName("198.18.0.200"));
    a.send(advert, LinuxRawTransport.GROUP_IPV4);

    ReceivedMessage runt = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    ReceivedMessage good = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(runt).isNotNull();
    assertThat(runt.payload()).containsExactly(0x21);
    assertThat(good).isNotNull();
    assertThat(good.payload()).isEqualTo(advert);
  }

  @Test
  void receive_afterLinkDownAndUp_stillMemberOfTheGroup() throws Exception {
    BlockingQueue<ReceivedMessage> atB = new LinkedBlockingQueue<>();
    VrrpTransport a = open(link.a, multicast(TwoNodeLink.A_IF, false), m -> { });
    open(link.b, multicast(TwoNodeLink.B_IF, false), atB::add);
    byte[] advert = TestPackets.v2(51, 150, 1, InetAddress.getByName("198.18.0.200"));

    link.b.exec("ip", "link", "set", TwoNodeLink.B_IF, "down");
    link.b.exec("ip", "link", "set", TwoNodeLink.B_IF, "up");
    TwoNodeLink.awaitOperationallyUp(link.b, TwoNodeLink.B_IF);
    TwoNodeLink.awaitOperationallyUp(link.a, TwoNodeLink.A_IF);
    a.send(advert, LinuxRawTransport.GROUP_IPV4);

    ReceivedMessage m = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(m).isNotNull();
    assertThat(m.payload()).isEqualTo(advert);
  }

  @Test
  void close_whileReceiving_returnsPromptlyAndSendFailsAfterwards() throws Exception {
    VrrpTransport b = open(link.b, multicast(TwoNodeLink.B_IF, false), m -> { });
    long start = System.nanoTime();

    b.close();
    b.close();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("vrrp-rx-" + TwoNodeLink.B_IF));
    assertThatThrownBy(() -> b.send(new byte[] {0x21}, LinuxRawTransport.GROUP_IPV4))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void create_unknownInterface_namesIt() throws Exception {
    assertThatThrownBy(() -> link.a.call(() -> new LinuxRawTransportFactory().create(multicast("nosuch0", false))))
        .isInstanceOf(IOException.class).hasMessageContaining("'nosuch0'");
  }

  static TransportSpec multicast(String interfaceName, boolean ipv6) {
    return new TransportSpec(interfaceName, ipv6, List.of(), null);
  }

  /** Creates and starts the transport on the namespace's thread, so its sockets live there. */
  private VrrpTransport open(Netns ns, TransportSpec spec, VrrpTransport.Receiver receiver) throws Exception {
    VrrpTransport transport = ns.call(() -> new LinuxRawTransportFactory().create(spec));
    opened.add(transport);
    ns.call(() -> {
      transport.start(receiver);
      return null;
    });
    return transport;
  }

  static void awaitLinkLocal(Netns ns, String interfaceName) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      String out = ns.exec("ip", "-6", "addr", "show", "dev", interfaceName, "scope", "link");
      if (out.contains("fe80::") && !out.contains("tentative")) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no usable link-local address on " + interfaceName + " in " + ns.name());
  }
}
