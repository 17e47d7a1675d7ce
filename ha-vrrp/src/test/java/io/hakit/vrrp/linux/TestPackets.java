package io.hakit.vrrp.linux;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Hand-built VRRP messages for the wire tests (the codec lives elsewhere; these tests only move bytes). */
final class TestPackets {
  private TestPackets() {}

  /** A VRRPv2 advert (RFC 3768 section 5.3) with no authentication and a correct checksum. */
  static byte[] v2(int vrid, int priority, int intervalSeconds, InetAddress... addresses) {
    ByteBuffer b = ByteBuffer.allocate(16 + 4 * addresses.length);
    b.put((byte) 0x21).put((byte) vrid).put((byte) priority).put((byte) addresses.length);
    b.put((byte) 0).put((byte) intervalSeconds).putShort((short) 0);
    for (InetAddress a : addresses) {
      b.put(a.getAddress());
    }
    byte[] message = b.array();
    int sum = checksum(message, 0, message.length, 0);
    message[6] = (byte) (sum >> 8);
    message[7] = (byte) sum;
    return message;
  }

  /** A VRRPv3 advert over IPv4 (RFC 5798 section 5.2.8: checksum over the pseudo-header). */
  static byte[] v3(int vrid, int priority, int intervalCentiseconds, InetAddress source, InetAddress destination,
      InetAddress... addresses) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * addresses.length);
    b.put((byte) 0x31).put((byte) vrid).put((byte) priority).put((byte) addresses.length);
    b.putShort((short) (intervalCentiseconds & 0x0fff)).putShort((short) 0);
    for (InetAddress a : addresses) {
      b.put(a.getAddress());
    }
    byte[] message = b.array();
    ByteBuffer pseudo = ByteBuffer.allocate(12);
    pseudo.put(source.getAddress()).put(destination.getAddress()).put((byte) 0).put((byte) 112).putShort((short) message.length);
    int partial = sum(pseudo.array(), 0, 12, 0);
    int sum = checksum(message, 0, message.length, partial);
    message[6] = (byte) (sum >> 8);
    message[7] = (byte) sum;
    return message;
  }

  private static int checksum(byte[] data, int offset, int length, int initial) {
    int sum = sum(data, offset, length, initial);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~sum & 0xffff;
  }

  private static int sum(byte[] data, int offset, int length, int initial) {
    int sum = initial;
    for (int i = 0; i < length; i += 2) {
      int hi = data[offset + i] & 0xff;
      int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
      sum += hi << 8 | lo;
    }
    return sum;
  }
}
