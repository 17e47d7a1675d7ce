package io.hakit.proxy.stats;

import io.hakit.proxy.backend.CapturedError;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code show errors [<px>] [request|response]}: the last malformed request each frontend
 * refused, in HAProxy 2.6's layout (a header per capture, then the bytes as escaped text lines of
 * at most {@value #WIDTH} characters, each prefixed by its offset, {@code +} marking a wrapped
 * line). HAProxy's buffer-internal lines (H1 flags, states) are left out; its buffer figures are
 * given for its default 16 kB buffer. A response capture holds its head only (HAProxy's may show
 * the start of the body that came with it).
 */
final class ShowErrors {
  private static final int WIDTH = 70;
  private static final int BUFSIZE = 16384;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  private ShowErrors() {}

  /** The answer, or null when {@code proxy} names no proxy. */
  static @Nullable String render(ProxyStats stats, @Nullable String proxy, boolean requests, boolean responses) {
    long total = 0;
    for (ProxyStats.FrontendStats f : stats.frontends()) {
      total += f.counters().invalidRequestsCaptured();
    }
    for (io.hakit.proxy.backend.BackendState b : stats.backends()) {
      total += b.counters().invalidRequestsCaptured();
    }
    StringBuilder out = new StringBuilder("Total events captured on [")
        .append(DATE.format(Instant.now())).append("] : ").append(total).append('\n');
    boolean found = proxy == null;
    List<ProxyStats.Proxy> proxies = stats.proxies();
    if (proxy != null) {
      found = proxies.stream().anyMatch(p -> named(p, proxy));
    }
    for (ProxyStats.Proxy p : proxies) {
      CapturedError e = p.frontend() == null ? null : p.frontend().counters().lastInvalidRequest();
      if (e != null && requests && (proxy == null || named(p, proxy))) {
        requestEntry(out, p, e);
      }
      CapturedError r = p.backend() == null ? null : p.backend().counters().lastInvalidResponse();
      // A response error shows under its backend and under the frontend the request came through.
      if (r != null && responses && (proxy == null || named(p, proxy)
          || proxies.stream().anyMatch(f -> f.name().equals(r.frontend()) && named(f, proxy)))) {
        responseEntry(out, p, r, proxies);
      }
    }
    return found ? out.toString() : null;
  }

  private static boolean named(ProxyStats.Proxy p, String nameOrId) {
    return nameOrId.equals(p.name()) || nameOrId.equals(Integer.toString(p.id()));
  }

  private static void responseEntry(StringBuilder out, ProxyStats.Proxy p, CapturedError e,
      List<ProxyStats.Proxy> proxies) {
    int feId = proxies.stream().filter(f -> f.name().equals(e.frontend())).mapToInt(ProxyStats.Proxy::id).findFirst()
        .orElse(-1);
    String server = e.server() == null ? "<NONE> (#-1)"
        : e.server().name() + " (#" + ProxyStats.idOf(e.server()) + ")";
    out.append(" \n[").append(DATE.format(Instant.ofEpochMilli(e.epochMillis()))).append("] backend ").append(p.name())
        .append(" (#").append(p.id()).append("): invalid response\n")
        .append("  frontend ").append(e.frontend()).append(" (#").append(feId).append("), server ").append(server)
        .append(", event #").append(e.event()).append(", src ").append(source(e)).append('\n');
    buffer(out, e, false);
  }

  private static String source(CapturedError e) {
    InetSocketAddress src = e.source();
    return src == null || src.getAddress() == null ? "unknown"
        : io.netty.util.NetUtil.toAddressString(src.getAddress()) + ":" + src.getPort();
  }

  /** The buffer figures, the error position and the dump. */
  private static void buffer(StringBuilder out, CapturedError e, boolean request) {
    byte[] b = e.bytes();
    out.append("  buffer starts at 0 (including 0 out), ").append(BUFSIZE - b.length).append(" free,\n")
        .append("  len ").append(b.length).append(", wraps at ").append(BUFSIZE - 48).append(", error at position ")
        .append(ErrorPosition.locate(b, e.lineAt(), request)).append("\n  \n");
    dump(out, b);
  }

  private static void requestEntry(StringBuilder out, ProxyStats.Proxy p, CapturedError e) {
    String from = source(e);
    out.append(" \n[").append(DATE.format(Instant.ofEpochMilli(e.epochMillis()))).append("] frontend ").append(p.name())
        .append(" (#").append(p.id()).append("): invalid request\n")
        .append("  backend <NONE> (#-1), server <NONE> (#-1), event #").append(e.event()).append(", src ")
        .append(from).append('\n');
    buffer(out, e, true);
  }

  /** The bytes as text lines: printable ASCII as is, \r \n \t and \xHH escaped, split after each LF. */
  static void dump(StringBuilder out, byte[] b) {
    int i = 0;
    while (i < b.length) {
      boolean continued = i > 0 && b[i - 1] != '\n';
      out.append("  ").append(String.format(Locale.ROOT, "%05d", i)).append(continued ? '+' : ' ').append(' ');
      int width = 0;
      while (i < b.length) {
        String c = escape(b[i]);
        if (width + c.length() > WIDTH) {
          break;
        }
        out.append(c);
        width += c.length();
        if (b[i++] == '\n') {
          break;
        }
      }
      out.append('\n');
    }
  }

  private static String escape(byte v) {
    int c = v & 0xff;
    return switch (c) {
      case '\r' -> "\\r";
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\\' -> "\\\\";
      default -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02X", c);
    };
  }
}
