package io.hakit.config.haproxy;

import io.hakit.core.net.Endpoint;
import io.hakit.core.net.IpLiterals;

/**
 * A host made of digits and dots is meant as an IPv4 literal: HAProxy refuses it when it is not a
 * valid one ({@code 256.0.0.1}), where a generic host name would otherwise be accepted unresolved.
 */
final class Addresses {
  private Addresses() {}

  static void requireValidLiteral(Endpoint ep) {
    String host = ep.host();
    boolean dotted = !host.isEmpty() && host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    if (dotted && IpLiterals.parseIpv4(host) == null) {
      throw new IllegalArgumentException("address '" + ep + "': '" + host + "' is not a valid IPv4 address");
    }
  }
}
