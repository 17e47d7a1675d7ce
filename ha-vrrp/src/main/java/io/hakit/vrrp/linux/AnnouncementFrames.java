package io.hakit.vrrp.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * The Ethernet frames that tell a link who owns an address now, byte for byte as keepalived sends
 * them (golden vectors 7 and 8): a gratuitous ARP request (RFC 5227 section 3: sender = target =
 * the address, target MAC broadcast), and an unsolicited neighbour advertisement (RFC 4861 section
 * 7.2.6: to ff02::1, hop limit 255, Override flag, target link-layer address option). Pure.
 */
final class AnnouncementFrames {
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};
  /** 33:33 + the low 32 bits of ff02::1 (RFC 2464 section 7). */
  static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
  private static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  private static final int NEXT_HEADER_ICMPV6 = 58;
  private static final int NEIGHBOR_ADVERTISEMENT = 136;
  private static final int ROUTER_FLAG = 0x80000000;
  private static final int OVERRIDE_FLAG = 0x20000000;
  private static final int NA_LENGTH = 32; // 24 + a target link-layer address option of 8

  private AnnouncementFrames() {}

  /** 42 bytes: Ethernet broadcast, ARP request "who has VIP, tell VIP" from {@code mac}. */
  static byte[] gratuitousArp(byte[] mac, Inet4Address address) {
    byte[] ip = address.getAddress();
    ByteBuffer b = ByteBuffer.allocate(42);
    b.put(BROADCAST_MAC).put(mac).putShort((short) ETHERTYPE_ARP);
    b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
    b.put(mac).put(ip).put(BROADCAST_MAC).put(ip);
    return b.array();
  }

  /** 86 bytes: Ethernet to 33:33:00:00:00:01, IPv6 from the address to ff02::1, ICMPv6 NA. */
  static byte[] unsolicitedNeighborAdvertisement(byte[] mac, Inet6Address address, boolean router) {
    byte[] ip = address.getAddress();
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + NA_LENGTH);
    b.put(ALL_NODES_MAC).put(mac).putShort((short) ETHERTYPE_IPV6);
    b.putInt(0x60000000).putShort((short) NA_LENGTH).put((byte) NEXT_HEADER_ICMPV6).put((byte) 255);
    b.put(ip).put(ALL_NODES);
    int icmp = b.position();
    b.put((byte) NEIGHBOR_ADVERTISEMENT).put((byte) 0).putShort((short) 0);
    b.putInt(OVERRIDE_FLAG | (router ? ROUTER_FLAG : 0));
    b.put(ip);
    b.put((byte) 2).put((byte) 1).put(mac); // option 2: target link-layer address, length 1 x 8 bytes
    byte[] frame = b.array();
    int checksum = icmpv6Checksum(ip, ALL_NODES, frame, icmp, NA_LENGTH);
    frame[icmp + 2] = (byte) (checksum >> 8);
    frame[icmp + 3] = (byte) checksum;
    return frame;
  }

  /** RFC 4443 section 2.3: the RFC 1071 sum over the RFC 8200 pseudo-header and the message. */
  static int icmpv6Checksum(byte[] source, byte[] destination, byte[] data, int offset, int length) {
    long sum = sum(source, 0, 16) + sum(destination, 0, 16) + length + NEXT_HEADER_ICMPV6 + sum(data, offset, length);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static long sum(byte[] data, int offset, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      int high = data[offset + i] & 0xff;
      int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
      sum += high << 8 | low;
    }
    return sum;
  }
}
