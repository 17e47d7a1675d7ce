package io.hakit.vrrp.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual address as keepalived's {@code virtual_ipaddress} writes it: {@code 198.18.0.100/24}
 * on an interface ({@code dev eth0}, default: the instance's interface), with its
 * {@link AddressOptions} ({@code brd}, {@code scope}, {@code label}...).
 */
public record VirtualAddress(InetAddress address, int prefixLength, String interfaceName, AddressOptions options) {
  public VirtualAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(options, "options");
    int max = address instanceof Inet4Address ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0-" + max + ")");
    }
    if (!(address instanceof Inet4Address) && !options.fitsIpv6()) {
      throw new IllegalArgumentException("options: " + options
          + " (expected: no label, broadcast or scope for an IPv6 address)");
    }
  }

  /** An address without options. */
  public VirtualAddress(InetAddress address, int prefixLength, String interfaceName) {
    this(address, prefixLength, interfaceName, AddressOptions.NONE);
  }

  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /** As keepalived lists them: {@code 198.18.0.100/24 brd 198.18.0.255 dev eth0 scope global label eth0:vip}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(address.getHostAddress()).append('/').append(prefixLength);
    if (options.broadcast() != null) {
      b.append(" brd ").append(options.broadcast().getHostAddress());
    }
    b.append(" dev ").append(interfaceName);
    if (options.scope() != 0) {
      b.append(" scope ").append(AddressOptions.scopeName(options.scope()));
    }
    if (options.label() != null) {
      b.append(" label ").append(options.label());
    }
    if (options.noPrefixRoute()) {
      b.append(" noprefixroute");
    }
    if (!options.tracked()) {
      b.append(" no_track");
    }
    return b.toString();
  }
}
