package io.hakit.vrrp.internal;

import io.hakit.core.net.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** IP literals to {@link InetAddress} without DNS (ha-core's parser, wrapped). */
public final class InetLiterals {
  private InetLiterals() {}

  /** The address of an IPv4 or IPv6 literal, or null when the text is not one. */
  public static @Nullable InetAddress parse(String text) {
    byte[] raw = IpLiterals.parseIpv4(text);
    if (raw == null) {
      raw = IpLiterals.parseIpv6(text);
    }
    if (raw == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }
}
