package io.hakit.vrrp.linux;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * What the kernel of the calling thread's namespace knows about an interface: its index, its MAC
 * address and its addresses. Asked through sockets, not {@link java.net.NetworkInterface}, which
 * reads {@code /proc/net} and so sees the process's namespace rather than the thread's.
 */
final class Interfaces {
  private static final int ARPHRD_ETHER = 1;

  private Interfaces() {}

  /** The interface index; an {@link IOException} naming the interface when it does not exist. */
  static int index(String interfaceName) throws IOException {
    int index = LibC.get().if_nametoindex(interfaceName);
    if (index <= 0) {
      throw new IOException("no such network interface: '" + interfaceName + "'");
    }
    return index;
  }

  /** The Ethernet MAC address, or null for interfaces without one (loopback, tun, ...). */
  static byte @Nullable [] ethernetAddress(String interfaceName) throws IOException {
    byte[] ifreq = NativeStructs.ifreq(interfaceName);
    try (NativeSocket socket = NativeSocket.open(LibC.AF_INET, LibC.SOCK_DGRAM, 0, "ioctl")) {
      socket.ioctl(LibC.SIOCGIFHWADDR, ifreq, "SIOCGIFHWADDR " + interfaceName);
    }
    // struct ifreq: name[16], then struct sockaddr {sa_family = ARPHRD_*; sa_data = the MAC}
    int hardwareType = ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getShort(16) & 0xffff;
    return hardwareType == ARPHRD_ETHER ? NativeStructs.copy(ifreq, 18, 6) : null;
  }

  /**
   * The address VRRP packets from this interface carry: the primary IPv4 address (the first one
   * that is not secondary, as the kernel lists them), or the IPv6 link-local address.
   */
  static InetAddress primaryAddress(String interfaceName, int ifindex, boolean ipv6) throws IOException {
    for (InterfaceAddress a : Rtnetlink.addresses(ipv6 ? LibC.AF_INET6 : LibC.AF_INET)) {
      if (a.ifindex() != ifindex || a.isSecondary()) {
        continue;
      }
      if (!ipv6 || (a.address() instanceof Inet6Address && a.address().isLinkLocalAddress())) {
        return a.address();
      }
    }
    throw new IOException("interface '" + interfaceName + "' has no "
        + (ipv6 ? "IPv6 link-local" : "IPv4") + " address to send VRRP adverts from");
  }
}
