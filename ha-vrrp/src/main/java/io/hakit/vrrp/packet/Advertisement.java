package io.hakit.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement, as the fields travel on the wire (rfc3768 §5.3, rfc5798 §5.2).
 *
 * @param version 2 or 3
 * @param vrid virtual router id, 1-255
 * @param priority 0 (master leaving) to 255 (address owner)
 * @param advertInterval v2: whole seconds (1-255); v3: centiseconds (1-4095)
 * @param authType v2 authentication type (0 none, 1 password, 2 AH); always 0 for v3
 * @param authData v2: the 8 authentication bytes; v3: empty
 * @param addresses the virtual addresses, all IPv4 or all IPv6 (IPv6 only with v3)
 */
public record Advertisement(int version, int vrid, int priority, int advertInterval, int authType,
    byte[] authData, List<InetAddress> addresses) {

  private static final byte[] NO_AUTH = new byte[VrrpProtocol.V2_AUTH_LENGTH];

  public Advertisement {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version: " + version + " (expected: 2 or 3)");
    }
    checkRange(vrid, 1, 255, "vrid");
    checkRange(priority, 0, 255, "priority");
    checkRange(advertInterval, 0, version == 2 ? 255 : VrrpProtocol.V3_MAX_INTERVAL_CS, "advertInterval");
    checkRange(authType, 0, version == 2 ? 255 : 0, "authType");
    Objects.requireNonNull(authData, "authData");
    int expectedAuth = version == 2 ? VrrpProtocol.V2_AUTH_LENGTH : 0;
    if (authData.length != expectedAuth) {
      throw new IllegalArgumentException("authData: " + authData.length + " bytes (expected: " + expectedAuth + ")");
    }
    authData = authData.clone();
    addresses = List.copyOf(addresses);
    checkRange(addresses.size(), 0, 255, "addresses.size()");
    if (!addresses.isEmpty()) {
      boolean v4 = addresses.get(0) instanceof Inet4Address;
      for (InetAddress a : addresses) {
        if ((a instanceof Inet4Address) != v4) {
          throw new IllegalArgumentException("addresses: " + addresses + " (expected: all IPv4 or all IPv6)");
        }
      }
      if (!v4 && version == 2) {
        throw new IllegalArgumentException("addresses: IPv6 (expected: IPv4 with version 2; IPv6 needs version 3)");
      }
    }
  }

  private static void checkRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + "-" + max + ")");
    }
  }

  /** A v2 advertisement without authentication. */
  public static Advertisement v2(int vrid, int priority, int intervalSeconds, List<InetAddress> addresses) {
    return new Advertisement(2, vrid, priority, intervalSeconds, VrrpProtocol.AUTH_NONE, NO_AUTH, addresses);
  }

  /**
   * A v2 advertisement with a simple password (auth type 1): the password's bytes, NUL padded,
   * cut to 8 bytes as keepalived does.
   */
  public static Advertisement v2WithPassword(int vrid, int priority, int intervalSeconds,
      List<InetAddress> addresses, String password) {
    return new Advertisement(2, vrid, priority, intervalSeconds, VrrpProtocol.AUTH_PASSWORD,
        passwordBytes(password), addresses);
  }

  /** A v3 advertisement. */
  public static Advertisement v3(int vrid, int priority, int intervalCentis, List<InetAddress> addresses) {
    return new Advertisement(3, vrid, priority, intervalCentis, VrrpProtocol.AUTH_NONE, new byte[0], addresses);
  }

  /** The 8 bytes of a v2 password: UTF-8, NUL padded, cut to 8 bytes. */
  public static byte[] passwordBytes(String password) {
    byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, VrrpProtocol.V2_AUTH_LENGTH);
  }

  /** The same advertisement with another priority (0 for the leaving master's advert). */
  public Advertisement withPriority(int newPriority) {
    return new Advertisement(version, vrid, newPriority, advertInterval, authType, authData, addresses);
  }

  /** The authentication bytes (a copy). */
  @Override
  public byte[] authData() {
    return authData.clone();
  }

  /** The advert interval in centiseconds whatever the version (v2 seconds times 100). */
  public int intervalCentis() {
    return version == 2 ? advertInterval * 100 : advertInterval;
  }

  /** True when the addresses are IPv6 (an empty list counts as IPv4). */
  public boolean isIpv6() {
    return !addresses.isEmpty() && !(addresses.get(0) instanceof Inet4Address);
  }

  /** The length of this message on the wire. */
  public int encodedLength() {
    int perAddress = isIpv6() ? 16 : 4;
    return VrrpProtocol.HEADER_LENGTH + perAddress * addresses.size() + authData.length;
  }

  /** Compares the authentication bytes in constant time, so that timing leaks nothing of a password. */
  public boolean authDataEquals(byte[] other) {
    return MessageDigest.isEqual(authData, other);
  }

  byte[] authDataUnsafe() {
    return authData;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Advertisement a && version == a.version && vrid == a.vrid && priority == a.priority
        && advertInterval == a.advertInterval && authType == a.authType && Arrays.equals(authData, a.authData)
        && addresses.equals(a.addresses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, vrid, priority, advertInterval, authType, Arrays.hashCode(authData), addresses);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("VRRPv").append(version).append(" vrid=").append(vrid)
        .append(" prio=").append(priority).append(" int=").append(advertInterval).append(version == 2 ? "s" : "cs");
    if (version == 2) {
      sb.append(" auth=").append(authType);
    }
    sb.append(" addrs=[");
    for (int i = 0; i < addresses.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(addresses.get(i).getHostAddress());
    }
    return sb.append(']').toString();
  }
}
