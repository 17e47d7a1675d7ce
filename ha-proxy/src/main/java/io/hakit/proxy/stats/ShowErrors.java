package io.hakit.proxy.stats;

import io.hakit.proxy.backend.CapturedError;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code show errors [<px>] [request|response]}: the last malformed request each frontend
 * refused, in HAProxy 2.6's layout (a header per capture, then the bytes as escaped text lines of
 * at most {@value #WIDTH} characters, each prefixed by its offset, {@code +} marking a wrapped
 * line). HAProxy's buffer-internal lines (H1 flags, states) are left out; its buffer figures are
 * given for its default 16 kB buffer. Only requests are captured by HAKit.
 */
final class ShowErrors {
  private static final int WIDTH = 70;
  private static final int BUFSIZE = 16384;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  private ShowErrors() {}

  /** The answer, or null when {@code proxy} names no proxy. */
  static @Nullable String render(ProxyStats stats, @Nullable String proxy, boolean requests) {
    long total = 0;
    for (ProxyStats.FrontendStats f : stats.frontends()) {
      total += f.counters().invalidRequestsCaptured();
    }
    StringBuilder out = new StringBuilder("Total events captured on [")
        .append(DATE.format(Instant.now())).append("] : ").append(total).append('\n');
    boolean found = proxy == null;
    for (ProxyStats.Proxy p : stats.proxies()) {
      if (proxy != null && !proxy.equals(p.name()) && !proxy.equals(Integer.toString(p.id()))) {
        continue;
      }
      found = true;
      CapturedError e = p.frontend() == null ? null : p.frontend().counters().lastInvalidRequest();
      if (e != null && requests) {
        entry(out, p, e);
      }
    }
    return found ? out.toString() : null;
  }

  private static void entry(StringBuilder out, ProxyStats.Proxy p, CapturedError e) {
    byte[] b = e.bytes();
    InetSocketAddress src = e.source();
    String from = src == null || src.getAddress() == null ? "unknown"
        : io.netty.util.NetUtil.toAddressString(src.getAddress()) + ":" + src.getPort();
    out.append(" \n[").append(DATE.format(Instant.ofEpochMilli(e.epochMillis()))).append("] frontend ").append(p.name())
        .append(" (#").append(p.id()).append("): invalid request\n")
        .append("  backend <NONE> (#-1), server <NONE> (#-1), event #").append(e.event()).append(", src ")
        .append(from).append('\n')
        .append("  buffer starts at 0 (including 0 out), ").append(BUFSIZE - b.length).append(" free,\n")
        .append("  len ").append(b.length).append(", wraps at ").append(BUFSIZE - 48).append(", error at position ")
        .append(ErrorPosition.locate(b, e.lineAt())).append("\n  \n");
    dump(out, b);
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
