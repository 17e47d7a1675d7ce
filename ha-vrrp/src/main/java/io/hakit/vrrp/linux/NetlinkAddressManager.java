package io.hakit.vrrp.linux;

import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.address.VirtualAddressManager;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves virtual addresses on Linux the way keepalived does (VRRP-NOTES.md sections 2.9 and 4.2):
 * rtnetlink RTM_NEWADDR / RTM_DELADDR with the kernel's ACK checked (EEXIST on add and
 * EADDRNOTAVAIL on remove mean "already so" and are fine), IPv6 addresses without duplicate
 * address detection (usable at once), the line's options applied as {@code ip addr add} applies
 * them (label, broadcast, scope, noprefixroute: see {@link io.hakit.vrrp.address.AddressOptions}),
 * presence from an RTM_GETADDR dump, and announcements as raw
 * Ethernet frames on an AF_PACKET socket: a gratuitous ARP for IPv4, an unsolicited neighbour
 * advertisement for IPv6. Needs CAP_NET_ADMIN (addresses) and CAP_NET_RAW (announcements).
 *
 * <pre>{@code
 * VirtualAddressManager vips = new NetlinkAddressManager();
 * VirtualAddress vip = new VirtualAddress(InetAddress.getByName("198.18.0.200"), 24, "eth0");
 * vips.add(vip);
 * vips.announce(vip);
 * }</pre>
 *
 * <p>Stateless and thread-safe: every call opens its own socket, in the calling thread's network
 * namespace.
 */
public final class NetlinkAddressManager implements VirtualAddressManager {
  private static final Logger logger = LoggerFactory.getLogger(NetlinkAddressManager.class);

  public NetlinkAddressManager() {}

  @Override
  public void add(VirtualAddress address) throws IOException {
    checkAvailable();
    RtnlMessages.Ack ack = Rtnetlink.changeAddress(true, address.address(), address.prefixLength(),
        Interfaces.index(address.interfaceName()), address.options());
    int errno = ack.errno();
    if (errno == 0) {
      logger.info("({}) added virtual address {}", address.interfaceName(), address);
    } else if (errno == LibC.EEXIST) {
      logger.debug("({}) virtual address {} was present already", address.interfaceName(), address);
    } else {
      throw new ErrnoException("adding " + address, errno, describe(ack));
    }
  }

  @Override
  public void remove(VirtualAddress address) throws IOException {
    checkAvailable();
    int ifindex = LibC.get().if_nametoindex(address.interfaceName());
    if (ifindex <= 0) {
      logger.debug("({}) interface gone: virtual address {} is absent with it", address.interfaceName(), address);
      return;
    }
    RtnlMessages.Ack ack = Rtnetlink.changeAddress(false, address.address(), address.prefixLength(), ifindex,
        address.options());
    int errno = ack.errno();
    if (errno == 0) {
      logger.info("({}) removed virtual address {}", address.interfaceName(), address);
    } else if (errno == LibC.EADDRNOTAVAIL) {
      logger.debug("({}) virtual address {} was absent already", address.interfaceName(), address);
    } else {
      throw new ErrnoException("removing " + address, errno, describe(ack));
    }
  }

  @Override
  public boolean isPresent(VirtualAddress address) throws IOException {
    checkAvailable();
    int ifindex = LibC.get().if_nametoindex(address.interfaceName());
    if (ifindex <= 0) {
      return false;
    }
    for (InterfaceAddress a : Rtnetlink.addresses(address.isIpv4() ? LibC.AF_INET : LibC.AF_INET6)) {
      if (a.ifindex() == ifindex && a.address().equals(address.address()) && a.prefixLength() == address.prefixLength()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void announce(VirtualAddress address) throws IOException {
    checkAvailable();
    String interfaceName = address.interfaceName();
    int ifindex = Interfaces.index(interfaceName);
    byte[] mac = Interfaces.ethernetAddress(interfaceName);
    if (mac == null) {
      logger.debug("({}) no Ethernet address: nothing to announce for {}", interfaceName, address);
      return;
    }
    byte[] frame;
    byte[] destination;
    int etherType;
    if (address.address() instanceof Inet4Address v4) {
      frame = AnnouncementFrames.gratuitousArp(mac, v4);
      destination = AnnouncementFrames.BROADCAST_MAC;
      etherType = AnnouncementFrames.ETHERTYPE_ARP;
    } else {
      frame = AnnouncementFrames.unsolicitedNeighborAdvertisement(mac, (Inet6Address) address.address(), forwarding(interfaceName));
      destination = AnnouncementFrames.ALL_NODES_MAC;
      etherType = AnnouncementFrames.ETHERTYPE_IPV6;
    }
    // Protocol 0: this socket only sends, the kernel queues nothing to it.
    try (NativeSocket socket = NativeSocket.open(LibC.AF_PACKET, LibC.SOCK_RAW, 0, "announce " + interfaceName)) {
      socket.sendTo(frame, frame.length, NativeStructs.sockaddrLl(etherType, ifindex, destination),
          (address.isIpv4() ? "gratuitous ARP for " : "unsolicited NA for ") + address.address().getHostAddress());
    }
    logger.debug("({}) announced {}", interfaceName, address);
  }

  /**
   * Removes those of {@code addresses} that are configured now: at start, a node that crashed as
   * master left its virtual addresses behind (keepalived: "removing VIPs."). Returns the ones removed.
   */
  public List<VirtualAddress> removeStale(Collection<VirtualAddress> addresses) throws IOException {
    List<VirtualAddress> removed = new ArrayList<>();
    for (VirtualAddress address : addresses) {
      if (isPresent(address)) {
        logger.info("({}) removing stale virtual address {} left by an earlier run", address.interfaceName(), address);
        remove(address);
        removed.add(address);
      }
    }
    return List.copyOf(removed);
  }

  /** A router sets the R flag of its advertisements (RFC 4861 section 4.4), as keepalived does. */
  private static boolean forwarding(String interfaceName) {
    // /proc/sys/net follows the calling thread's network namespace.
    Path path = Path.of("/proc/sys/net/ipv6/conf", interfaceName, "forwarding");
    try {
      return Files.readString(path, StandardCharsets.US_ASCII).strip().equals("1");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void checkAvailable() throws IOException {
    String cause = LibC.unavailabilityCause();
    if (cause != null) {
      throw new IOException(cause);
    }
  }

  /** The kernel's explanation when it gave one, else ours. */
  private static String describe(RtnlMessages.Ack ack) {
    String general = switch (ack.errno()) {
      case 1 -> "operation not permitted (needs CAP_NET_ADMIN)";
      case LibC.ENODEV -> "no such device";
      case 22 -> "invalid argument";
      default -> "refused by the kernel";
    };
    return ack.message().isEmpty() ? general : general + ": " + ack.message();
  }
}
