package io.hakit.vrrp.linux;

import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.TransportSpec;
import io.hakit.vrrp.transport.VrrpTransport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VRRP over raw IP protocol 112 on one interface (RFC 3768 / RFC 5798 section 5.1), the way
 * keepalived does it (VRRP-NOTES.md section 2.9), with two sockets:
 *
 * <ul>
 *   <li>receive: bound to the group 224.0.0.18 / ff02::12 (joined on this interface only) or, with
 *       unicast peers, to the source address; the IPv4 TTL comes from the IP header, the IPv6 hop
 *       limit from IPV6_RECVHOPLIMIT, so that the codec can enforce 255;
 *   <li>send: bound to the source address (so the v3 checksum the codec computed over it holds),
 *       TTL / hop limit 255 for multicast and unicast, TOS 0xc0, no multicast loopback, a drop-all
 *       filter since it is never read. IPv6: the kernel fills in the checksum (IPV6_CHECKSUM 6) and
 *       checks it on the receive socket.
 * </ul>
 *
 * <p>Both are bound to the interface (SO_BINDTODEVICE). Threading: {@link #start} and
 * {@link #close} may be called from any thread; the receive socket belongs to the receive thread
 * ({@link RawReceiveLoop}); sends are serialised by {@code sendLock}, which also keeps {@code close}
 * from closing the send socket under a running send.
 */
final class LinuxRawTransport implements VrrpTransport {
  private static final Logger logger = LoggerFactory.getLogger(LinuxRawTransport.class);
  static final InetAddress GROUP_IPV4 = address(new byte[] {(byte) 224, 0, 0, 18}); // RFC 5798 section 5.1.1.2
  static final InetAddress GROUP_IPV6 = address(new byte[] {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});
  private static final int TTL = 255; // RFC 5798 section 5.1.1.3
  private static final int TOS_INTERNETWORK_CONTROL = 0xc0;
  private static final int STOP_TIMEOUT_MILLIS = 2000;

  private final TransportSpec spec;
  private final int ifindex;
  private final InetAddress source;
  private final Object sendLock = new Object();
  private @Nullable NativeSocket sendSocket; // guarded by sendLock
  private @Nullable RawReceiveLoop loop; // guarded by this
  private @Nullable Thread thread; // guarded by this
  private boolean started; // guarded by this
  private volatile boolean closed;

  LinuxRawTransport(TransportSpec spec, int ifindex, InetAddress source) {
    this.spec = spec;
    this.ifindex = ifindex;
    this.source = source;
  }

  @Override
  public synchronized void start(Receiver receiver) throws IOException {
    if (closed) {
      throw new IllegalStateException("(" + spec.interfaceName() + ") VRRP transport already closed");
    }
    if (started) {
      throw new IllegalStateException("(" + spec.interfaceName() + ") VRRP transport already started");
    }
    NativeSocket receive = openReceiveSocket();
    NativeSocket send = null;
    Wakeup wakeup = null;
    try {
      send = openSendSocket();
      wakeup = new Wakeup();
    } catch (IOException | RuntimeException e) {
      receive.close();
      if (send != null) {
        send.close();
      }
      throw e;
    }
    synchronized (sendLock) {
      sendSocket = send;
    }
    RawReceiveLoop receiveLoop = new RawReceiveLoop(receive, wakeup, spec.ipv6(), spec.interfaceName(), receiver,
        spec.scheduling());
    Thread receiveThread = new Thread(receiveLoop, "vrrp-rx-" + spec.interfaceName() + (spec.ipv6() ? "-v6" : "-v4"));
    receiveThread.setDaemon(true);
    receiveThread.start();
    loop = receiveLoop;
    thread = receiveThread;
    started = true;
    logger.info("({}) VRRP raw socket open: {} from {}", spec.interfaceName(),
        spec.isMulticast() ? "multicast " + group().getHostAddress() : "unicast to " + spec.unicastPeers(),
        source.getHostAddress());
  }

  @Override
  public void send(byte[] vrrpMessage, InetAddress destination) throws IOException {
    if ((destination instanceof Inet6Address) != spec.ipv6()) {
      throw new IllegalArgumentException("destination: " + destination.getHostAddress()
          + " (expected: an " + (spec.ipv6() ? "IPv6" : "IPv4") + " address)");
    }
    byte[] sockaddr = NativeStructs.sockaddr(destination, ifindex);
    synchronized (sendLock) {
      NativeSocket socket = sendSocket;
      if (socket == null) {
        throw new IOException("(" + spec.interfaceName() + ") VRRP transport " + (closed ? "closed" : "not started"));
      }
      socket.sendTo(vrrpMessage, vrrpMessage.length, sockaddr, destination.getHostAddress());
    }
  }

  /** io_uring-timed sends on a duplicate of the send socket (Linux 5.16+), so adverts leave on time during GC pauses. */
  @Override
  public PacedSender openPacedSender(int capacity) throws IOException {
    synchronized (sendLock) {
      NativeSocket socket = sendSocket;
      if (socket == null) {
        throw new IOException("(" + spec.interfaceName() + ") VRRP transport " + (closed ? "closed" : "not started"));
      }
      return IoUringPacedSender.open(socket.fd(), ifindex, 0, capacity, "VRRP send " + spec.interfaceName());
    }
  }

  /** nice / SCHED_RR / mlockall as the spec asks (keepalived's vrrp_priority, vrrp_rt_priority, vrrp_no_swap). */
  @Override
  public boolean tuneCurrentThread(String who) {
    return ThreadTuning.applyToCurrentThread(spec.scheduling(), who);
  }

  @Override
  public boolean receivePending() {
    RawReceiveLoop receiveLoop;
    synchronized (this) {
      receiveLoop = closed ? null : loop;
    }
    return receiveLoop != null && receiveLoop.readable();
  }

  @Override
  public InetAddress sourceAddress() {
    return source;
  }

  @Override
  public void close() {
    RawReceiveLoop receiveLoop;
    Thread receiveThread;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      receiveLoop = loop;
      receiveThread = thread;
    }
    if (receiveLoop != null) {
      receiveLoop.stop();
    }
    synchronized (sendLock) {
      if (sendSocket != null) {
        sendSocket.close();
        sendSocket = null;
      }
    }
    if (receiveThread != null && receiveThread != Thread.currentThread()) {
      try {
        receiveThread.join(STOP_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (receiveThread.isAlive()) {
        logger.warn("({}) VRRP receive thread still running {} ms after close", spec.interfaceName(), STOP_TIMEOUT_MILLIS);
      }
    }
    logger.debug("({}) VRRP raw socket closed", spec.interfaceName());
  }

  private InetAddress group() {
    return spec.ipv6() ? GROUP_IPV6 : GROUP_IPV4;
  }

  private NativeSocket openReceiveSocket() throws IOException {
    boolean v6 = spec.ipv6();
    NativeSocket s = NativeSocket.open(v6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_RAW, LibC.IPPROTO_VRRP,
        "VRRP receive " + spec.interfaceName());
    try {
      s.bindToDevice(spec.interfaceName());
      if (v6) {
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
      }
      if (spec.isMulticast()) {
        if (v6) {
          s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
          s.setBytes(LibC.IPPROTO_IPV6, LibC.IPV6_ADD_MEMBERSHIP, NativeStructs.ipv6Mreq((Inet6Address) GROUP_IPV6, ifindex),
              "IPV6_ADD_MEMBERSHIP ff02::12");
        } else {
          s.setInt(LibC.IPPROTO_IP, LibC.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
          s.setBytes(LibC.IPPROTO_IP, LibC.IP_ADD_MEMBERSHIP, NativeStructs.ipMreqn((Inet4Address) GROUP_IPV4, ifindex),
              "IP_ADD_MEMBERSHIP 224.0.0.18");
        }
        // Bound to the group: unicast protocol-112 packets to this host are not ours to read.
        s.bind(NativeStructs.sockaddr(group(), ifindex), group().getHostAddress());
      } else {
        s.bind(NativeStructs.sockaddr(source, ifindex), source.getHostAddress());
      }
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private NativeSocket openSendSocket() throws IOException {
    boolean v6 = spec.ipv6();
    NativeSocket s = NativeSocket.open(v6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_RAW, LibC.IPPROTO_VRRP,
        "VRRP send " + spec.interfaceName());
    try {
      s.dropAllReceived();
      s.bindToDevice(spec.interfaceName());
      if (v6) {
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_HOPS, TTL, "IPV6_MULTICAST_HOPS");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS, TTL, "IPV6_UNICAST_HOPS");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
        s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_TCLASS, TOS_INTERNETWORK_CONTROL, "IPV6_TCLASS");
      } else {
        s.setBytes(LibC.IPPROTO_IP, LibC.IP_MULTICAST_IF, NativeStructs.ipMreqn((Inet4Address) GROUP_IPV4, ifindex),
            "IP_MULTICAST_IF");
        s.setInt(LibC.IPPROTO_IP, LibC.IP_MULTICAST_TTL, TTL, "IP_MULTICAST_TTL");
        s.setInt(LibC.IPPROTO_IP, LibC.IP_TTL, TTL, "IP_TTL");
        s.setInt(LibC.IPPROTO_IP, LibC.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
        s.setInt(LibC.IPPROTO_IP, LibC.IP_TOS, TOS_INTERNETWORK_CONTROL, "IP_TOS");
      }
      s.bind(NativeStructs.sockaddr(source, ifindex), source.getHostAddress());
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static InetAddress address(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
