package io.hakit.core.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network such as {@code 127.0.0.0/8} or {@code ::1/128}, as HAProxy's
 * {@code src} ACLs and {@code option forwardfor except} take it. A bare address is a host network
 * (/32 or /128); IPv4 also takes a dotted mask ({@code 10.0.0.0/255.0.0.0}). An IPv4 network
 * contains the IPv4-mapped IPv6 form of its addresses ({@code ::ffff:127.0.0.1}), because a
 * dual-stack listener reports IPv4 clients that way.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefixLength;

  private Cidr(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address[/prefix]}.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    int zone = addressText.indexOf('%');
    if (zone >= 0) {
      // HAProxy rejects a scoped network too; dropping the zone would silently widen the match.
      throw new IllegalArgumentException("network '" + text + "': zone '" + addressText.substring(zone + 1)
          + "' (expected: an address without '%zone')");
    }
    byte[] address = IpLiterals.parseIpv4(addressText);
    if (address == null) {
      address = IpLiterals.parseIpv6(addressText);
    }
    if (address == null) {
      throw new IllegalArgumentException(
          "network '" + text + "': '" + addressText + "' is not an IPv4 or IPv6 address");
    }
    if (address.length == 4 && IpLiterals.isAmbiguousIpv4(addressText)) {
      throw new IllegalArgumentException("network '" + text + "': '" + addressText
          + "' has an octet with a leading zero (expected: decimal octets; HAProxy would read it as octal)");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String prefixText = text.substring(slash + 1);
      byte[] mask = address.length == 4 ? IpLiterals.parseIpv4(prefixText) : null;
      prefix = mask != null ? maskToPrefix(mask, text) : parsePrefix(prefixText, bits, text);
    }
    return new Cidr(applyPrefix(address, prefix), prefix);
  }

  /** A network from raw address bytes (4 or 16) and a prefix length. */
  public static Cidr of(byte[] address, int prefixLength) {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("address: " + address.length + " bytes (expected: 4 or 16)");
    }
    int bits = address.length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0-" + bits + ")");
    }
    return new Cidr(applyPrefix(address.clone(), prefixLength), prefixLength);
  }

  private static int parsePrefix(String prefixText, int bits, String text) {
    if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "network '" + text + "': prefix '" + prefixText + "' (expected: 0-" + bits + ")");
    }
    int prefix = Integer.parseInt(prefixText);
    if (prefix > bits) {
      throw new IllegalArgumentException(
          "network '" + text + "': prefix " + prefix + " (expected: 0-" + bits + ")");
    }
    return prefix;
  }

  private static int maskToPrefix(byte[] mask, String text) {
    int value = ((mask[0] & 0xff) << 24) | ((mask[1] & 0xff) << 16) | ((mask[2] & 0xff) << 8) | (mask[3] & 0xff);
    int prefix = Integer.bitCount(value);
    if (value != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
      throw new IllegalArgumentException("network '" + text + "': mask is not contiguous");
    }
    return prefix;
  }

  private static byte[] applyPrefix(byte[] address, int prefix) {
    for (int i = 0; i < address.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      address[i] &= (byte) (0xff << (8 - keep));
    }
    return address;
  }

  public int prefixLength() {
    return prefixLength;
  }

  public boolean isIpv4() {
    return network.length == 4;
  }

  /** The network address with host bits cleared. */
  public byte[] network() {
    return network.clone();
  }

  public boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  /** True when the 4- or 16-byte address lies in this network. Allocation-free: hot path. */
  public boolean contains(byte[] address) {
    int offset = 0;
    if (address.length != network.length) {
      if (network.length == 4 && isIpv4Mapped(address)) {
        offset = 12;
      } else {
        return false;
      }
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[offset + i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    // Both sides as unsigned bytes: a sign-extended byte would keep bits above the mask.
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[offset + full] & mask) == (network[full] & 0xff);
  }

  private static boolean isIpv4Mapped(byte[] a) {
    if (a.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefixLength;
  }

  /** Canonical text: {@code 127.0.0.0/8}, {@code ::1/128}. */
  @Override
  public String toString() {
    return AddressFormat.format(network) + "/" + prefixLength;
  }
}
