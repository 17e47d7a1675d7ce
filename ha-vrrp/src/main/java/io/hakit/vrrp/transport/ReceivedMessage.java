package io.hakit.vrrp.transport;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One received VRRP message with what the IP layer said about it.
 *
 * @param source the IP source address (the sending router's primary address)
 * @param destination the IP destination (the group or this router's address)
 * @param ttl the IPv4 TTL or IPv6 hop limit as received; RFC 3768/5798 require 255, and a
 *     transport that cannot see it (UDP, in-JVM) reports 255 for packets it vouches for
 * @param payload the VRRP message, starting at the version/type byte
 */
public record ReceivedMessage(InetAddress source, InetAddress destination, int ttl, byte[] payload) {
  public ReceivedMessage {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(payload, "payload");
    if (ttl < 0 || ttl > 255) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: 0-255)");
    }
  }
}
