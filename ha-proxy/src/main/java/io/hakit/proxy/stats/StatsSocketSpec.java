package io.hakit.proxy.stats;

import io.hakit.core.HaException;
import io.hakit.core.Origin;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.Setting;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One {@code stats socket <path|ipv4@host:port> [mode 0600] [level user|operator|admin]} line of
 * the global section, with the section's {@code stats timeout} (default 10 s) and {@code stats
 * maxconn} (default 10). Other bind options ({@code user}, {@code group}, {@code expose-fd}, ...)
 * are accepted and ignored.
 *
 * @param unixPath the socket file, or null for a TCP socket
 * @param tcp the TCP address, or null for a Unix socket
 * @param mode file permissions (octal as written), or -1 to leave the umask's
 */
public record StatsSocketSpec(@Nullable Path unixPath, @Nullable InetSocketAddress tcp, int mode, CliLevel level,
    Duration timeout, int maxconn, Origin origin) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAXCONN = 10;

  /** What the socket binds. */
  public SocketAddress address() {
    return unixPath != null ? UnixDomainSocketAddress.of(unixPath) : tcp;
  }

  /** {@code /path} or {@code 127.0.0.1:9999}, as HAProxy's messages show it. */
  public String describe() {
    return unixPath != null ? unixPath.toString() : tcp.getHostString() + ":" + tcp.getPort();
  }

  /** Every {@code stats socket} of the global section, in file order. */
  public static List<StatsSocketSpec> of(GlobalSettings global) {
    Duration timeout = DEFAULT_TIMEOUT;
    int maxconn = DEFAULT_MAXCONN;
    for (Setting s : global.other()) {
      if (s.keyword().equals("stats") && s.args().size() >= 2) {
        if (s.args().get(0).equals("timeout")) {
          timeout = duration(s.args().get(1), s.origin());
        } else if (s.args().get(0).equals("maxconn")) {
          maxconn = positive(s.args().get(1), "stats maxconn", s.origin());
        }
      }
    }
    List<StatsSocketSpec> out = new ArrayList<>();
    for (Setting s : global.statsSockets()) {
      out.add(parse(s, timeout, maxconn));
    }
    return out;
  }

  /** Parses the arguments after {@code stats}: {@code socket <address> [options]}. */
  static StatsSocketSpec parse(Setting s, Duration timeout, int maxconn) {
    List<String> a = s.args();
    if (a.size() < 2 || !a.get(0).equals("socket")) {
      throw new HaException("'stats " + String.join(" ", a) + "': expected 'stats socket <path>' at " + s.origin());
    }
    String where = a.get(1);
    Path unix = null;
    InetSocketAddress tcp = null;
    String lower = where.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ipv4@") || lower.startsWith("ipv6@") || (!where.startsWith("/") && where.contains(":")
        && !lower.startsWith("unix@"))) {
      String hostPort = where.contains("@") ? where.substring(where.indexOf('@') + 1) : where;
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new HaException("stats socket '" + where + "': missing port at " + s.origin());
      }
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      int port = positive(hostPort.substring(colon + 1), "stats socket port", s.origin());
      tcp = host.isEmpty() || host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    } else {
      unix = Path.of(lower.startsWith("unix@") ? where.substring(5) : where);
    }
    int mode = -1;
    CliLevel level = CliLevel.OPERATOR;
    for (int i = 2; i < a.size(); i++) {
      String opt = a.get(i);
      String value = i + 1 < a.size() ? a.get(i + 1) : "";
      if (opt.equals("mode")) {
        try {
          mode = Integer.parseInt(value, 8);
        } catch (NumberFormatException e) {
          throw new HaException("stats socket: 'mode' expects an octal value (got '" + value + "') at "
              + s.origin(), e);
        }
        i++;
      } else if (opt.equals("level")) {
        try {
          level = CliLevel.parse(value);
        } catch (IllegalArgumentException e) {
          throw new HaException("stats socket: " + e.getMessage() + " at " + s.origin(), e);
        }
        i++;
      }
    }
    return new StatsSocketSpec(unix, tcp, mode, level, timeout, maxconn, s.origin());
  }

  private static int positive(String text, String what, Origin origin) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HaException("'" + what + "' expects a positive integer (got '" + text + "') at " + origin);
  }

  /** HAProxy time: a number with an optional unit (us, ms, s, m, h, d); ms without one. */
  static Duration duration(String text, Origin origin) {
    int i = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new HaException("'stats timeout': invalid time '" + text + "' at " + origin);
    }
    long n = Long.parseLong(text.substring(0, i));
    return switch (text.substring(i)) {
      case "", "ms" -> Duration.ofMillis(n);
      case "us" -> Duration.ofNanos(n * 1000);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new HaException("'stats timeout': invalid unit in '" + text + "' at " + origin);
    };
  }

  /** The same socket at another path (tests and demos move the seed's /var/lib/haproxy/stats). */
  public StatsSocketSpec withUnixPath(Path path) {
    return new StatsSocketSpec(path, null, mode, level, timeout, maxconn, origin);
  }
}
