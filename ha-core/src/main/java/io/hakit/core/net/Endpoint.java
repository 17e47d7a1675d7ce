package io.hakit.core.net;

import java.util.Objects;

/**
 * A listening or server address in HAProxy's notation: {@code *:5000}, {@code :80},
 * {@code 0.0.0.0:80}, {@code [::]:443}, {@code [::1]:8443}, {@code 127.0.0.1:8000-8010},
 * {@code ipv4@host:80}, {@code ipv6@::1:80}, {@code unix@/run/x.sock}, {@code /run/x.sock}, a host
 * name ({@code localhost:8080}), and for servers no port ({@code 10.0.0.1}: the client's
 * destination port) or a port offset ({@code 10.0.0.1:+1000}).
 *
 * <p>Host names are kept as written and never resolved here; resolution belongs to the runtime.
 *
 * @param family the address family, {@link Family#ANY} for a wildcard or a host name without prefix
 * @param host an address literal without brackets, a host name, a socket path, or empty for the wildcard
 * @param portKind how the port was given
 * @param portLow the port, the first port of a range, or the signed offset
 * @param portHigh the last port of a range (equals portLow otherwise)
 */
public record Endpoint(Family family, String host, PortKind portKind, int portLow, int portHigh) {

  /** Address family, including HAProxy's explicit {@code ipv4@}/{@code ipv6@}/{@code unix@} prefixes. */
  public enum Family {
    ANY,
    IPV4,
    IPV6,
    UNIX
  }

  /** How the port part was written. */
  public enum PortKind {
    /** A port or an inclusive port range. */
    FIXED,
    /** No port: a server then uses the port the client connected to. */
    NONE,
    /** {@code +N}/{@code -N}: the client's destination port plus N. */
    OFFSET
  }

  public Endpoint {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(portKind, "portKind");
    switch (portKind) {
      case FIXED -> {
        checkPort(portLow, "port");
        checkPort(portHigh, "port");
        if (portHigh < portLow) {
          throw new IllegalArgumentException(
              "port range: " + portLow + "-" + portHigh + " (expected: low <= high)");
        }
      }
      case NONE -> {
        if (portLow != 0 || portHigh != 0) {
          throw new IllegalArgumentException("port: " + portLow + " (expected: 0 without a port)");
        }
      }
      case OFFSET -> {
        if (portLow < -65535 || portLow > 65535 || portHigh != portLow) {
          throw new IllegalArgumentException("port offset: " + portLow + " (expected: -65535..+65535)");
        }
      }
    }
    if (family == Family.UNIX && portKind != PortKind.NONE) {
      throw new IllegalArgumentException("unix socket '" + host + "': a socket path takes no port");
    }
  }

  private static void checkPort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + ": " + port + " (expected: 1-65535)");
    }
  }

  /** An IP (or host name) and one port. */
  public static Endpoint of(String host, int port) {
    return new Endpoint(familyOf(host), host, PortKind.FIXED, port, port);
  }

  /** The wildcard address on one port ({@code *:port}). */
  public static Endpoint wildcard(int port) {
    return new Endpoint(Family.ANY, "", PortKind.FIXED, port, port);
  }

  /**
   * Parses an address as HAProxy's {@code bind} and {@code server} lines write it.
   *
   * @throws IllegalArgumentException naming the address and what was expected
   */
  public static Endpoint parse(String text) {
    Objects.requireNonNull(text, "text");
    String rest = text;
    Family family = Family.ANY;
    // A socket path may itself contain '@' (/tmp/a@b.sock): HAProxy reads a leading '/' as a path.
    int at = rest.startsWith("/") ? -1 : rest.indexOf('@');
    if (at >= 0) {
      // Case-sensitive, as HAProxy compares them: 'IPV4@127.0.0.1:80' is not an address there.
      String prefix = rest.substring(0, at);
      family = switch (prefix) {
        case "ipv4", "tcp4" -> Family.IPV4;
        case "ipv6", "tcp6" -> Family.IPV6;
        case "tcp" -> Family.ANY;
        case "unix" -> Family.UNIX;
        default -> throw new IllegalArgumentException(
            "address '" + text + "': unsupported prefix '" + prefix + "@' (expected: ipv4@, ipv6@, tcp@, tcp4@, tcp6@ or unix@)");
      };
      rest = rest.substring(at + 1);
    }
    if (family == Family.UNIX || (family == Family.ANY && rest.startsWith("/"))) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("address '" + text + "': missing socket path");
      }
      return new Endpoint(Family.UNIX, rest, PortKind.NONE, 0, 0);
    }
    String host;
    String port;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("address '" + text + "': missing ']' after the IPv6 address");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw new IllegalArgumentException("address '" + text + "': expected ':port' after ']'");
      }
      port = after.isEmpty() ? null : after.substring(1);
      if (IpLiterals.parseIpv6(host) == null) {
        throw new IllegalArgumentException("address '" + text + "': '" + host + "' is not an IPv6 address");
      }
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon < 0) {
        host = rest;
        port = null;
      } else {
        host = rest.substring(0, colon);
        port = rest.substring(colon + 1);
      }
      if (host.equals("*")) {
        host = "";
      }
    }
    int zone = host.indexOf('%');
    if (zone >= 0) {
      // HAProxy 2.6 cannot resolve a scoped address either; dropping the zone would change the address.
      throw new IllegalArgumentException("address '" + text + "': zone '" + host.substring(zone + 1)
          + "' (expected: an address without '%zone')");
    }
    family = resolveFamily(text, family, host);
    if (port == null) {
      if (host.isEmpty()) {
        throw new IllegalArgumentException("address '" + text + "': missing port (expected: host:port)");
      }
      return new Endpoint(family, canonicalHost(host), PortKind.NONE, 0, 0);
    }
    return withPort(text, family, canonicalHost(host), port);
  }

  private static Family resolveFamily(String text, Family declared, String host) {
    if (host.isEmpty()) {
      return declared;
    }
    boolean v4 = IpLiterals.parseIpv4(host) != null;
    if (v4 && IpLiterals.isAmbiguousIpv4(host)) {
      throw new IllegalArgumentException("address '" + text + "': '" + host
          + "' has an octet with a leading zero (expected: decimal octets; HAProxy would read it as octal)");
    }
    boolean v6 = !v4 && IpLiterals.parseIpv6(host) != null;
    if (!v4 && !v6) {
      if (host.indexOf(':') >= 0 || !isHostName(host)) {
        throw new IllegalArgumentException(
            "address '" + text + "': '" + host + "' is not an IP address or host name");
      }
      return declared;
    }
    Family literal = v4 ? Family.IPV4 : Family.IPV6;
    if (declared != Family.ANY && declared != literal) {
      throw new IllegalArgumentException(
          "address '" + text + "': '" + host + "' is not an " + (declared == Family.IPV4 ? "IPv4" : "IPv6") + " address");
    }
    return literal;
  }

  private static boolean isHostName(String host) {
    if (host.length() > 253) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static String canonicalHost(String host) {
    byte[] literal = host.indexOf(':') >= 0 ? IpLiterals.parseIpv6(host) : IpLiterals.parseIpv4(host);
    return literal != null ? AddressFormat.format(literal) : host;
  }

  private static Endpoint withPort(String text, Family family, String host, String port) {
    if (port.isEmpty()) {
      throw new IllegalArgumentException("address '" + text + "': missing port after ':' (expected: 1-65535)");
    }
    char first = port.charAt(0);
    if (first == '+' || first == '-') {
      int offset = parseNumber(text, port.substring(1), "port offset", "-65535..+65535");
      if (offset > 65535) {
        throw new IllegalArgumentException("address '" + text + "': port offset " + port + " (expected: -65535..+65535)");
      }
      int signed = first == '-' ? -offset : offset;
      return new Endpoint(family, host, PortKind.OFFSET, signed, signed);
    }
    int dash = port.indexOf('-');
    int low = parseNumber(text, dash < 0 ? port : port.substring(0, dash), "port", "1-65535");
    int high = dash < 0 ? low : parseNumber(text, port.substring(dash + 1), "port", "1-65535");
    if (low < 1 || low > 65535 || high < 1 || high > 65535) {
      throw new IllegalArgumentException(
          "address '" + text + "': port " + (low < 1 || low > 65535 ? low : high) + " (expected: 1-65535)");
    }
    if (high < low) {
      throw new IllegalArgumentException(
          "address '" + text + "': port range " + port + " (expected: low <= high)");
    }
    return new Endpoint(family, host, PortKind.FIXED, low, high);
  }

  private static int parseNumber(String text, String digits, String what, String expected) {
    if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "address '" + text + "': " + what + " '" + digits + "' (expected: " + expected + ")");
    }
    return Integer.parseInt(digits);
  }

  private static Family familyOf(String host) {
    if (IpLiterals.parseIpv4(host) != null) {
      return Family.IPV4;
    }
    return IpLiterals.parseIpv6(host) != null ? Family.IPV6 : Family.ANY;
  }

  /** True for {@code *}, an empty host, {@code 0.0.0.0} and {@code ::}. */
  public boolean isWildcard() {
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
  }

  public boolean isRange() {
    return portKind == PortKind.FIXED && portHigh > portLow;
  }

  /** The single port; fails for ranges, offsets and missing ports. */
  public int port() {
    if (portKind != PortKind.FIXED || isRange()) {
      throw new IllegalStateException("address " + this + " has no single port");
    }
    return portLow;
  }

  /** This endpoint with one fixed port (one element of a bind range). */
  public Endpoint withSinglePort(int port) {
    return new Endpoint(family, host, PortKind.FIXED, port, port);
  }

  /** HAProxy notation, parseable by {@link #parse}. */
  @Override
  public String toString() {
    if (family == Family.UNIX) {
      return "unix@" + host;
    }
    String prefix = family == Family.IPV4 && !IpLiterals.isLiteral(host) ? "ipv4@"
        : family == Family.IPV6 && !IpLiterals.isLiteral(host) ? "ipv6@" : "";
    String h = host.isEmpty() ? "*" : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return switch (portKind) {
      case NONE -> prefix + h;
      case OFFSET -> prefix + h + ":" + (portLow >= 0 ? "+" : "") + portLow;
      case FIXED -> prefix + h + ":" + portLow + (portHigh > portLow ? "-" + portHigh : "");
    };
  }
}
