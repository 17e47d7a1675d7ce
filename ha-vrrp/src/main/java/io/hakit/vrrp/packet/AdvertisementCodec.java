package io.hakit.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes VRRP advertisements (the bytes after the IP header).
 *
 * <p>Checksums: v2 covers the message only (rfc3768 §5.3.8); v3 puts a pseudo-header in front
 * (rfc5798 §5.2.8): {@code src|dst|0|112|length} for IPv4, the rfc2460 §8.1 one for IPv6. The v3
 * checksum therefore depends on the IP source and destination, which the caller passes. On decode
 * a v3/IPv4 unicast packet is also accepted when its checksum was computed with 224.0.0.18 as the
 * destination, the form keepalived used before 1.3.7.
 *
 * <p>Stateless and thread-safe. {@link #decode} never throws on bad input.
 */
public final class AdvertisementCodec {
  private AdvertisementCodec() {}

  /** Encodes into a new array. */
  public static byte[] encode(Advertisement ad, InetAddress source, InetAddress destination) {
    byte[] out = new byte[ad.encodedLength()];
    encodeInto(ad, source, destination, out, 0);
    return out;
  }

  /**
   * Encodes into {@code out} at {@code offset}; returns the length written.
   *
   * @throws IllegalArgumentException if the source, destination and address families disagree,
   *     or {@code out} is too small
   */
  public static int encodeInto(Advertisement ad, InetAddress source, InetAddress destination, byte[] out, int offset) {
    boolean ipv6 = source instanceof Inet6Address;
    if ((destination instanceof Inet6Address) != ipv6 || (!ad.addresses().isEmpty() && ad.isIpv6() != ipv6)) {
      throw new IllegalArgumentException("source " + source.getHostAddress() + ", destination "
          + destination.getHostAddress() + " and addresses " + ad.addresses() + " (expected: one address family)");
    }
    if (ipv6 && ad.version() == 2) {
      throw new IllegalArgumentException("version: 2 over IPv6 (expected: version 3 for IPv6)");
    }
    int length = ad.encodedLength();
    if (offset < 0 || out.length - offset < length) {
      throw new IllegalArgumentException("out: " + (out.length - offset) + " bytes free (expected: >= " + length + ")");
    }
    int p = offset;
    out[p++] = (byte) ((ad.version() << 4) | VrrpProtocol.TYPE_ADVERTISEMENT);
    out[p++] = (byte) ad.vrid();
    out[p++] = (byte) ad.priority();
    out[p++] = (byte) ad.addresses().size();
    if (ad.version() == 2) {
      out[p++] = (byte) ad.authType();
      out[p++] = (byte) ad.advertInterval();
    } else {
      out[p++] = (byte) ((ad.advertInterval() >>> 8) & 0x0f); // 4 reserved bits sent as 0
      out[p++] = (byte) ad.advertInterval();
    }
    out[p++] = 0; // checksum, filled in below
    out[p++] = 0;
    for (InetAddress a : ad.addresses()) {
      byte[] raw = a.getAddress();
      System.arraycopy(raw, 0, out, p, raw.length);
      p += raw.length;
    }
    byte[] auth = ad.authDataUnsafe();
    System.arraycopy(auth, 0, out, p, auth.length);
    int checksum = checksum(ad.version(), out, offset, length, source, destination);
    out[offset + 6] = (byte) (checksum >>> 8);
    out[offset + 7] = (byte) checksum;
    return length;
  }

  /** Decodes a whole array. */
  public static DecodeResult decode(byte[] message, InetAddress source, InetAddress destination) {
    return decode(message, 0, message.length, source, destination);
  }

  /**
   * Decodes {@code length} bytes at {@code offset}. The source's family says whether addresses are
   * IPv4 or IPv6; source and destination also feed the v3 checksum. Never throws on bad input.
   */
  public static DecodeResult decode(byte[] buf, int offset, int length, InetAddress source, InetAddress destination) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      return DecodeResult.dropped(DropReason.TRUNCATED, "range " + offset + "+" + length + " outside " + buf.length + " bytes");
    }
    if (length < VrrpProtocol.HEADER_LENGTH) {
      return DecodeResult.dropped(DropReason.TRUNCATED, length + " bytes (expected: >= 8)");
    }
    int version = (buf[offset] & 0xf0) >>> 4;
    int type = buf[offset] & 0x0f;
    if (version != 2 && version != 3) {
      return DecodeResult.dropped(DropReason.BAD_VERSION, "version " + version + " (expected: 2 or 3)");
    }
    if (type != VrrpProtocol.TYPE_ADVERTISEMENT) {
      return DecodeResult.dropped(DropReason.BAD_TYPE, "type " + type + " (expected: 1)");
    }
    boolean ipv6 = source instanceof Inet6Address;
    if (ipv6 && version == 2) {
      return DecodeResult.dropped(DropReason.BAD_FAMILY, "VRRPv2 over IPv6");
    }
    int vrid = buf[offset + 1] & 0xff;
    int priority = buf[offset + 2] & 0xff;
    int count = buf[offset + 3] & 0xff;
    int addressLength = ipv6 ? 16 : 4;
    int authLength = version == 2 ? VrrpProtocol.V2_AUTH_LENGTH : 0;
    int needed = VrrpProtocol.HEADER_LENGTH + count * addressLength + authLength;
    if (length < needed) {
      return DecodeResult.dropped(DropReason.TRUNCATED,
          length + " bytes for " + count + " addresses (expected: >= " + needed + ")");
    }
    if (!checksumValid(version, buf, offset, length, source, destination)) {
      int wire = ((buf[offset + 6] & 0xff) << 8) | (buf[offset + 7] & 0xff);
      return DecodeResult.dropped(DropReason.BAD_CHECKSUM, String.format("checksum 0x%04x, expected 0x%04x", wire,
          expectedChecksum(version, buf, offset, length, source, destination)));
    }
    if (vrid == 0) {
      return DecodeResult.dropped(DropReason.WRONG_VRID, "vrid 0 (expected: 1-255)");
    }
    int authType;
    int interval;
    if (version == 2) {
      authType = buf[offset + 4] & 0xff;
      interval = buf[offset + 5] & 0xff;
    } else {
      authType = 0;
      interval = ((buf[offset + 4] & 0x0f) << 8) | (buf[offset + 5] & 0xff);
    }
    List<InetAddress> addresses = new ArrayList<>(count);
    int p = offset + VrrpProtocol.HEADER_LENGTH;
    try {
      for (int i = 0; i < count; i++) {
        byte[] raw = new byte[addressLength];
        System.arraycopy(buf, p, raw, 0, addressLength);
        addresses.add(InetAddress.getByAddress(raw));
        p += addressLength;
      }
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
    byte[] auth = new byte[authLength];
    System.arraycopy(buf, p, auth, 0, authLength);
    return DecodeResult.accepted(new Advertisement(version, vrid, priority, interval, authType, auth, addresses));
  }

  private static boolean checksumValid(int version, byte[] buf, int offset, int length, InetAddress source,
      InetAddress destination) {
    // Summing the message with its checksum in place gives 0xffff, whose complement is 0.
    if (checksum(version, buf, offset, length, source, destination) == 0) {
      return true;
    }
    return version == 3 && source instanceof Inet4Address && !destination.isMulticastAddress()
        && checksum(version, buf, offset, length, source, VrrpProtocol.GROUP_V4) == 0;
  }

  private static int expectedChecksum(int version, byte[] buf, int offset, int length, InetAddress source,
      InetAddress destination) {
    byte[] copy = new byte[length];
    System.arraycopy(buf, offset, copy, 0, length);
    copy[6] = 0;
    copy[7] = 0;
    return checksum(version, copy, 0, length, source, destination);
  }

  /** The checksum over the message as it is (a zeroed field gives the value to send). */
  private static int checksum(int version, byte[] buf, int offset, int length, InetAddress source,
      InetAddress destination) {
    long sum = 0;
    if (version == 3) {
      sum = InternetChecksum.add(sum, source.getAddress(), 0, source instanceof Inet6Address ? 16 : 4);
      byte[] dst = destination.getAddress();
      sum = InternetChecksum.add(sum, dst, 0, dst.length);
      if (source instanceof Inet6Address) {
        // rfc2460 §8.1: 32-bit upper-layer length, 3 zero bytes, next header.
        sum = InternetChecksum.addWord(sum, length >>> 16);
        sum = InternetChecksum.addWord(sum, length);
        sum = InternetChecksum.addWord(sum, VrrpProtocol.IP_PROTOCOL);
      } else {
        // rfc5798 §5.2.8 / rfc768-style: zero byte, protocol, 16-bit length.
        sum = InternetChecksum.addWord(sum, VrrpProtocol.IP_PROTOCOL);
        sum = InternetChecksum.addWord(sum, length);
      }
    }
    sum = InternetChecksum.add(sum, buf, offset, length);
    return InternetChecksum.finish(sum);
  }
}
