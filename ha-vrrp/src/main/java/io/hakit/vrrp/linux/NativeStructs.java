package io.hakit.vrrp.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The C structures passed to {@link LibC}, as byte arrays in the host's byte order (Linux LP64).
 * Multi-byte fields are host order except where the kernel wants network order (ports, protocol
 * numbers of {@code sockaddr_ll}, the address bytes themselves). Pure: unit-tested without natives.
 */
final class NativeStructs {
  static final int SOCKADDR_IN_SIZE = 16;
  static final int SOCKADDR_IN6_SIZE = 28;
  static final int SOCKADDR_LL_SIZE = 20;
  static final int SOCKADDR_NL_SIZE = 12;
  static final int IFREQ_SIZE = 40;

  // struct msghdr (56 bytes): name@0, namelen@8, iov@16, iovlen@24, control@32, controllen@40, flags@48
  static final int MSGHDR_SIZE = 56;
  static final int MSGHDR_NAME = 0;
  static final int MSGHDR_NAMELEN = 8;
  static final int MSGHDR_IOV = 16;
  static final int MSGHDR_IOVLEN = 24;
  static final int MSGHDR_CONTROL = 32;
  static final int MSGHDR_CONTROLLEN = 40;
  static final int MSGHDR_FLAGS = 48;
  // struct iovec (16 bytes): base@0, len@8
  static final int IOVEC_SIZE = 16;
  // struct cmsghdr: size_t len@0, int level@8, int type@12, data@16; stepped by 8-byte alignment
  private static final int CMSG_HEADER = 16;

  private NativeStructs() {}

  static ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
  }

  static byte[] intValue(int value) {
    return buffer(4).putInt(value).array();
  }

  /** {@code struct sockaddr_in} or {@code sockaddr_in6} (scope id for link-local and ff02::/16). */
  static byte[] sockaddr(InetAddress address, int scopeIndex) {
    if (address instanceof Inet4Address) {
      ByteBuffer b = buffer(SOCKADDR_IN_SIZE);
      b.putShort((short) LibC.AF_INET).putShort((short) 0).put(address.getAddress());
      return b.array();
    }
    Inet6Address v6 = (Inet6Address) address;
    boolean scoped = v6.isLinkLocalAddress() || v6.isMCLinkLocal();
    ByteBuffer b = buffer(SOCKADDR_IN6_SIZE);
    b.putShort((short) LibC.AF_INET6).putShort((short) 0).putInt(0).put(v6.getAddress());
    b.putInt(scoped ? scopeIndex : 0);
    return b.array();
  }

  /** The address of a {@code sockaddr_in}/{@code sockaddr_in6} returned by the kernel, or null. */
  static @Nullable InetAddress addressOf(byte[] sockaddr, int length) {
    if (length < 2) {
      return null;
    }
    int family = buffer(2).put(sockaddr, 0, 2).getShort(0);
    try {
      if (family == LibC.AF_INET && length >= 8) {
        return InetAddress.getByAddress(copy(sockaddr, 4, 4));
      }
      if (family == LibC.AF_INET6 && length >= 24) {
        return InetAddress.getByAddress(copy(sockaddr, 8, 16));
      }
    } catch (UnknownHostException e) {
      return null; // cannot happen for 4 or 16 bytes
    }
    return null;
  }

  /** {@code struct ip_mreqn {group; local address 0; ifindex}}. */
  static byte[] ipMreqn(Inet4Address group, int ifindex) {
    return buffer(12).put(group.getAddress()).putInt(0).putInt(ifindex).array();
  }

  /** {@code struct ipv6_mreq {group; ifindex}}. */
  static byte[] ipv6Mreq(Inet6Address group, int ifindex) {
    return buffer(20).put(group.getAddress()).putInt(ifindex).array();
  }

  /** {@code struct timeval} of a receive timeout. */
  static byte[] timeval(long millis) {
    return buffer(16).putLong(millis / 1000).putLong((millis % 1000) * 1000).array();
  }

  /** {@code struct ifreq} with the interface name filled in (for ioctl). */
  static byte[] ifreq(String interfaceName) {
    byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
    if (name.length >= 16) {
      throw new IllegalArgumentException("interface name: '" + interfaceName + "' (expected: at most 15 characters)");
    }
    byte[] ifreq = new byte[IFREQ_SIZE];
    System.arraycopy(name, 0, ifreq, 0, name.length);
    return ifreq;
  }

  /** The NUL-terminated interface name for SO_BINDTODEVICE. */
  static byte[] cString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    byte[] c = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, c, 0, bytes.length);
    return c;
  }

  /** {@code struct sockaddr_ll} to send a frame out of an interface to a MAC address. */
  static byte[] sockaddrLl(int etherType, int ifindex, byte[] destinationMac) {
    ByteBuffer b = buffer(SOCKADDR_LL_SIZE);
    b.putShort((short) LibC.AF_PACKET);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) etherType).order(ByteOrder.nativeOrder());
    b.putInt(ifindex).putShort((short) 1 /* ARPHRD_ETHER */).put((byte) 0).put((byte) destinationMac.length);
    b.put(destinationMac);
    return b.array();
  }

  /** {@code struct sockaddr_nl} with pid 0 and no groups: the kernel, or "assign me an id" on bind. */
  static byte[] sockaddrNl() {
    return sockaddrNl(0);
  }

  /** {@code struct sockaddr_nl} to bind a socket that listens to the multicast {@code groups}. */
  static byte[] sockaddrNl(int groups) {
    return buffer(SOCKADDR_NL_SIZE).putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups).array();
  }

  /** The hop limit and destination found in IPv6 ancillary data. */
  record Ipv6Ancillary(int hopLimit, @Nullable InetAddress destination) {}

  /**
   * Reads IPV6_HOPLIMIT and IPV6_PKTINFO from a received control buffer. A missing hop limit is
   * reported as -1 (the caller then drops the packet: the TTL rule cannot be checked).
   */
  static Ipv6Ancillary ipv6Ancillary(byte[] control, int length) {
    ByteBuffer b = ByteBuffer.wrap(control, 0, Math.min(length, control.length)).order(ByteOrder.nativeOrder());
    int hopLimit = -1;
    InetAddress destination = null;
    int offset = 0;
    int end = Math.min(length, control.length);
    while (offset + CMSG_HEADER <= end) {
      long cmsgLength = b.getLong(offset);
      if (cmsgLength < CMSG_HEADER || offset + cmsgLength > end) {
        break;
      }
      int level = b.getInt(offset + 8);
      int type = b.getInt(offset + 12);
      int dataLength = (int) cmsgLength - CMSG_HEADER;
      if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_HOPLIMIT && dataLength >= 4) {
        hopLimit = b.getInt(offset + CMSG_HEADER);
      } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_PKTINFO && dataLength >= 20) {
        try {
          destination = InetAddress.getByAddress(copy(control, offset + CMSG_HEADER, 16));
        } catch (UnknownHostException e) {
          destination = null; // cannot happen for 16 bytes
        }
      }
      offset += (int) ((cmsgLength + 7) & ~7L);
    }
    return new Ipv6Ancillary(hopLimit, destination);
  }

  static byte[] copy(byte[] source, int offset, int length) {
    byte[] out = new byte[length];
    System.arraycopy(source, offset, out, 0, length);
    return out;
  }
}
