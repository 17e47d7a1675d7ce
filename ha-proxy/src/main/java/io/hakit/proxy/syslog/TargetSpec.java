package io.hakit.proxy.syslog;

import io.hakit.core.HaException;
import io.hakit.core.model.LogTarget;
import io.hakit.core.net.Endpoint;
import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/**
 * One {@code log <address> [len N] [format F] <facility> [level [minlevel]]} line, decoded.
 * Lines at a severity less severe than {@code level} are not sent, nor those more severe than
 * {@code minLevel}.
 *
 * @param kind where the lines go
 * @param address the UDP endpoint or the socket path; empty for stdout/stderr
 * @param maxLength the longest line sent, header included (HAProxy's {@code len}, default 1024)
 */
public record TargetSpec(Kind kind, String address, int maxLength, HeaderFormat format, int facility,
    Severity level, Severity minLevel, Origin origin) {

  /** The transport of a target. */
  public enum Kind {
    UDP, UNIX, STDOUT, STDERR
  }

  static final int DEFAULT_PORT = 514;
  static final int DEFAULT_LENGTH = 1024;

  public TargetSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(minLevel, "minLevel");
    Objects.requireNonNull(origin, "origin");
  }

  /** True when a line at this severity passes the target's level range. */
  public boolean accepts(Severity severity) {
    return severity.code() <= level.code() && severity.code() >= minLevel.code();
  }

  /**
   * Decodes a model target (not {@code log global}).
   *
   * @throws HaException naming the config line and what is wrong
   */
  public static TargetSpec of(LogTarget target) {
    Origin origin = target.origin();
    String where = origin.isKnown() ? origin + ": " : "";
    Kind kind;
    String address;
    String text = target.address();
    switch (text) {
      case "stdout", "fd@1" -> {
        kind = Kind.STDOUT;
        address = "";
      }
      case "stderr", "fd@2" -> {
        kind = Kind.STDERR;
        address = "";
      }
      default -> {
        if (text.startsWith("ring@") || text.startsWith("fd@")) {
          throw new HaException(where + "log target '" + text + "' is not supported by HAKit (expected: an IP"
              + " address, a unix socket path, stdout or stderr)");
        }
        Endpoint endpoint;
        try {
          endpoint = Endpoint.parse(udpPrefixAsIp(text));
        } catch (IllegalArgumentException e) {
          throw new HaException(where + "log target: " + e.getMessage(), e);
        }
        if (endpoint.family() == Endpoint.Family.UNIX) {
          kind = Kind.UNIX;
          address = endpoint.host();
        } else {
          kind = Kind.UDP;
          int port = endpoint.portKind() == Endpoint.PortKind.FIXED ? endpoint.port() : DEFAULT_PORT;
          address = Endpoint.of(endpoint.host(), port).toString();
        }
      }
    }
    List<String> args = target.args();
    int length = DEFAULT_LENGTH;
    HeaderFormat format = HeaderFormat.RFC3164;
    int i = 0;
    while (i < args.size() && (args.get(i).equals("len") || args.get(i).equals("format")
        || args.get(i).equals("sample"))) {
      if (i + 1 >= args.size()) {
        throw new HaException(where + "log: '" + args.get(i) + "' expects a value");
      }
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "len" -> length = length(value, where);
        case "format" -> {
          HeaderFormat f = HeaderFormat.byName(value);
          if (f == null) {
            throw new HaException(where + "log: unknown log format '" + value + "'");
          }
          format = f;
        }
        default -> throw new HaException(where + "log: 'sample' is not supported by HAKit");
      }
      i += 2;
    }
    if (i >= args.size()) {
      throw new HaException(where + "log: missing facility");
    }
    int facility = Facility.code(args.get(i));
    if (facility < 0) {
      throw new HaException(where + "log: unknown facility '" + args.get(i) + "' (expected one of "
          + String.join(", ", Facility.names()) + ")");
    }
    Severity level = i + 1 < args.size() ? severity(args.get(i + 1), where) : Severity.DEBUG;
    Severity minLevel = i + 2 < args.size() ? severity(args.get(i + 2), where) : Severity.EMERG;
    if (i + 3 < args.size()) {
      throw new HaException(where + "log: unexpected '" + args.get(i + 3) + "' after the levels");
    }
    return new TargetSpec(kind, address, length, format, facility, level, minLevel, origin);
  }

  private static String udpPrefixAsIp(String text) {
    if (text.startsWith("udp@")) {
      return text.substring(4);
    }
    if (text.startsWith("udp4@")) {
      return "ipv4@" + text.substring(5);
    }
    if (text.startsWith("udp6@")) {
      return "ipv6@" + text.substring(5);
    }
    return text;
  }

  private static int length(String value, String where) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 80 && n <= 65535) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HaException(where + "log: len '" + value + "' (expected: 80-65535)");
  }

  private static Severity severity(String name, String where) {
    Severity s = Severity.byName(name);
    if (s == null) {
      throw new HaException(where + "log: unknown level '" + name + "'");
    }
    return s;
  }
}
