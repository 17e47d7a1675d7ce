package io.hakit.vrrp.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual address as keepalived's {@code virtual_ipaddress} writes it: {@code 198.18.0.100/24}
 * on an interface ({@code dev eth0}, default: the instance's interface).
 */
public record VirtualAddress(InetAddress address, int prefixLength, String interfaceName) {
  public VirtualAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(interfaceName, "interfaceName");
    int max = address instanceof Inet4Address ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0-" + max + ")");
    }
  }

  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength + " dev " + interfaceName;
  }
}
