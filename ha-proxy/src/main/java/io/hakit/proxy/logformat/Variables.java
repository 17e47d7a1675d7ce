package io.hakit.proxy.logformat;

import io.hakit.proxy.acl.RequestSample;
import io.hakit.proxy.internal.DidYouMean;
import io.hakit.proxy.logformat.LogContext.Counter;
import io.hakit.proxy.logformat.LogContext.Peer;
import io.hakit.proxy.logformat.LogContext.Timer;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@code %var} variables of 8.2.4 that HAKit has data for, each compiled to a {@link Part}. */
final class Variables {
  /** Every variable of HAProxy 2.6, for "no such format variable" and its suggestion. */
  static final Set<String> HAPROXY = Set.of("B", "CC", "CS", "H", "HM", "HP", "HPO", "HQ", "HU", "HV", "ID", "ST", "T",
      "TR", "Ta", "Tc", "Td", "Th", "Ti", "Tl", "Tq", "Tr", "Ts", "Tt", "Tu", "Tw", "U", "ac", "b", "bc", "bi", "bp", "bq",
      "ci", "cp", "f", "fc", "fi", "fp", "ft", "hr", "hrl", "hs", "hsl", "lc", "ms", "o", "pid", "r", "rc", "rt", "s",
      "sc", "si", "sp", "sq", "sslc", "sslv", "t", "tr", "trg", "trl", "ts", "tsc");
  private static final Set<String> UNSUPPORTED = Set.of("H");

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter GMT =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_TZ =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneId.systemDefault());
  private static final long PID = ProcessHandle.current().pid();
  /** Characters HAProxy encodes as #XX in logged headers, and in logged URIs. */
  private static final String HEADER_SPECIALS = "\"#{|}";
  private static final String URI_SPECIALS = "\"#";

  private Variables() {}

  static boolean known(String name) {
    return HAPROXY.contains(name);
  }

  static Part create(String name, int flags, Usage use) {
    Part p = build(name, flags, use);
    if (p != null) {
      return p;
    }
    if (UNSUPPORTED.contains(name)) {
      throw new FormatException("format variable '" + name + "' is not supported by this runtime.");
    }
    throw new FormatException("no such format variable '" + name + "'. If you wanted to emit the '%' character verbatim,"
        + " you need to use '%%'." + DidYouMean.hint(name, HAPROXY).replace("; did", " Did"));
  }

  private static @Nullable Part build(String name, int f, Usage use) {
    return switch (name) {
      case "ci" -> ip(Peer.CLIENT, f, use);
      case "cp" -> port(Peer.CLIENT, f, use);
      case "fi" -> ip(Peer.FRONTEND, f, use);
      case "fp" -> port(Peer.FRONTEND, f, use);
      case "bi" -> ip(Peer.BACKEND_SOURCE, f, use);
      case "bp" -> port(Peer.BACKEND_SOURCE, f, use);
      case "si" -> ip(Peer.SERVER, f, use);
      case "sp" -> port(Peer.SERVER, f, use);
      case "f", "ft" -> text(c -> c.frontendName(), f, use);
      case "b" -> text(LogContext::backendName, f, use);
      case "s" -> text(LogContext::serverName, f, use);
      case "t" -> date(LogContext::acceptDate, new DateText(LOCAL, true), f);
      case "tr" -> date(LogContext::requestDate, new DateText(LOCAL, true), f);
      case "T" -> date(LogContext::acceptDate, new DateText(GMT, false), f);
      case "Tl" -> date(LogContext::acceptDate, new DateText(LOCAL_TZ, false), f);
      case "trg" -> date(LogContext::requestDate, new DateText(GMT, false), f);
      case "trl" -> date(LogContext::requestDate, new DateText(LOCAL_TZ, false), f);
      case "Ts" -> hexable(c -> c.acceptDate() / 1000, f, 8);
      case "rt" -> hexable(LogContext::requestNumber, f, 4);
      case "lc" -> hexable(LogContext::logNumber, f, 4);
      case "ms" -> (out, c, s) -> {
        long ms = c.acceptDate() % 1000;
        out.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms);
        return true;
      };
      case "Th" -> number(c -> c.timer(Timer.HANDSHAKE), f);
      case "Ti" -> number(c -> c.timer(Timer.IDLE), f);
      case "TR" -> number(c -> c.timer(Timer.REQUEST), f);
      case "Tw" -> number(c -> c.timer(Timer.QUEUE), f);
      case "Tc" -> number(c -> c.timer(Timer.CONNECT), f);
      case "Tr" -> number(c -> c.timer(Timer.RESPONSE), f);
      case "Ta" -> partial(number(c -> c.timer(Timer.ACTIVE), f));
      case "Tt" -> partial(number(c -> c.timer(Timer.TOTAL), f));
      case "Tq" -> number(Variables::tq, f);
      case "Tu" -> partial(number(Variables::tu, f));
      case "Td" -> number(Variables::td, f);
      case "ST" -> number(c -> c.status(), f);
      case "B" -> partial(number(LogContext::bytesOut, f));
      case "U" -> number(LogContext::bytesIn, f);
      case "ts" -> text(LogContext::termination, f, use);
      case "tsc" -> (out, c, s) -> {
        boolean quote = (f & Flags.QUOTE) != 0;
        out.append(quote ? "\"" : "").append(c.termination()).append(c.cookieFlags()).append(quote ? "\"" : "");
        return true;
      };
      case "ac" -> number(c -> c.counter(Counter.ACTCONN), f);
      case "fc" -> number(c -> c.counter(Counter.FECONN), f);
      case "bc" -> number(c -> c.counter(Counter.BECONN), f);
      case "sc" -> number(c -> c.counter(Counter.SRVCONN), f);
      case "rc" -> number(c -> c.counter(Counter.RETRIES), f);
      case "sq" -> number(c -> c.counter(Counter.SRV_QUEUE), f);
      case "bq" -> number(c -> c.counter(Counter.BACKEND_QUEUE), f);
      case "pid" -> hexable(c -> PID, f, 4);
      case "CC" -> (out, c, s) -> cookie(out, c, true, f, use);
      case "CS" -> (out, c, s) -> cookie(out, c, false, f, use);
      case "hr" -> (out, c, s) -> captures(out, c, true, true, f, use);
      case "hrl" -> (out, c, s) -> captures(out, c, true, false, f, use);
      case "hs" -> (out, c, s) -> captures(out, c, false, true, f, use);
      case "hsl" -> (out, c, s) -> captures(out, c, false, false, f, use);
      case "r" -> (out, c, s) -> {
        RequestSample r = c.request();
        if (r == null || r.method().isEmpty()) {
          Render.encoded(out, "<BADREQ>", URI_SPECIALS, f, use);
          return true;
        }
        // Appended piece by piece: the request line of every logged request is never built as a String.
        boolean quote = (f & Flags.QUOTE) != 0;
        int inner = f & ~Flags.QUOTE;
        out.append(quote ? "\"" : "");
        Render.encoded(out, r.method(), URI_SPECIALS, inner, use);
        out.append(' ');
        Render.encoded(out, r.uri(), URI_SPECIALS, inner, use);
        out.append(r.version() == 10 ? " HTTP/1.0" : " HTTP/1.1").append(quote ? "\"" : "");
        return true;
      };
      case "HM" -> request(f, use, RequestSample::method);
      case "HU" -> request(f, use, RequestSample::uri);
      case "HP" -> request(f, use, r -> {
        int q = r.uri().indexOf('?');
        return q < 0 ? r.uri() : r.uri().substring(0, q);
      });
      case "HPO" -> request(f, use, RequestSample::path);
      case "HQ" -> request(f, use, r -> {
        int q = r.uri().indexOf('?');
        return q < 0 ? "" : r.uri().substring(q);
      });
      case "HV" -> request(f, use, r -> r.version() == 10 ? "HTTP/1.0" : "HTTP/1.1");
      case "ID" -> text(LogContext::uniqueId, f, use);
      // No TLS in this runtime: always absent, as in HAProxy without it.
      case "sslc", "sslv" -> (out, c, s) -> {
        Render.absent(out, f, use);
        return true;
      };
      default -> null;
    };
  }

  /** A value read from the context. */
  private interface TextOf {
    @Nullable String of(LogContext c);
  }

  private interface NumberOf {
    long of(LogContext c);
  }

  private static Part text(TextOf v, int flags, Usage use) {
    return (out, c, s) -> {
      Render.text(out, v.of(c), flags, use);
      return true;
    };
  }

  private static Part number(NumberOf v, int flags) {
    return (out, c, s) -> {
      out.append(v.of(c));
      return true;
    };
  }

  /** A number that +X writes in upper-case hexadecimal, at least {@code digits} wide. */
  private static Part hexable(NumberOf v, int flags, int digits) {
    if ((flags & Flags.HEX) == 0) {
      return number(v, flags);
    }
    return (out, c, s) -> {
      Render.hex(out, v.of(c), digits);
      return true;
    };
  }

  private static Part date(NumberOf millis, DateText text, int flags) {
    boolean quote = (flags & Flags.QUOTE) != 0;
    return (out, c, s) -> {
      out.append(quote ? "\"" : "");
      text.append(out, millis.of(c));
      out.append(quote ? "\"" : "");
      return true;
    };
  }

  private static Part ip(Peer peer, int flags, Usage use) {
    return (out, c, s) -> {
      if ((flags & Flags.HEX) != 0) {
        InetSocketAddress a = c.address(peer);
        if (a != null && a.getAddress() != null) {
          Render.hexBytes(out, a.getAddress().getAddress());
          return true;
        }
      }
      Render.text(out, c.ip(peer), flags, use);
      return true;
    };
  }

  private static Part port(Peer peer, int flags, Usage use) {
    return (out, c, s) -> {
      InetSocketAddress a = c.address(peer);
      if (a == null) {
        Render.absent(out, flags & ~Flags.QUOTE, use);
      } else if ((flags & Flags.HEX) != 0) {
        Render.hex(out, a.getPort(), 4);
      } else {
        out.append(a.getPort());
      }
      return true;
    };
  }

  private interface RequestText {
    String of(RequestSample r);
  }

  /** A part of the request line, #XX-encoded as HAProxy logs URIs; {@code <BADREQ>} without a request. */
  private static Part request(int flags, Usage use, RequestText v) {
    return (out, c, s) -> {
      RequestSample r = c.request();
      String text = r == null || r.method().isEmpty() ? "<BADREQ>" : v.of(r);
      Render.encoded(out, text, URI_SPECIALS, flags, use);
      return true;
    };
  }

  private static boolean cookie(StringBuilder out, LogContext c, boolean request, int flags, Usage use) {
    Captured cap = c.captured();
    String v = cap == null ? null : request ? cap.requestCookie() : cap.responseCookie();
    Render.encoded(out, v, HEADER_SPECIALS, flags, use);
    return true;
  }

  /** %hr / %hs: {@code {a|b}}; %hrl / %hsl: {@code a b} with {@code -} for an empty one; nothing without captures. */
  private static boolean captures(StringBuilder out, LogContext c, boolean request, boolean braces, int flags,
      Usage use) {
    Captured cap = c.captured();
    int n = cap == null ? 0 : request ? cap.spec().requestHeaders() : cap.spec().responseHeaders();
    if (n == 0) {
      return false;
    }
    boolean quote = (flags & Flags.QUOTE) != 0;
    int inner = flags & ~Flags.QUOTE;
    if (quote) {
      out.append('"');
    }
    if (braces) {
      out.append('{');
    }
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(braces ? '|' : ' ');
      }
      String v = request ? cap.request(i) : cap.response(i);
      if (v == null && !braces) {
        out.append('-');
      } else if (v != null) {
        Render.encoded(out, v, HEADER_SPECIALS, inner, use);
      }
    }
    if (braces) {
      out.append('}');
    }
    if (quote) {
      out.append('"');
    }
    return true;
  }

  /** A value that may be incomplete under option logasap: HAProxy prefixes it with '+' there. */
  private static Part partial(Part value) {
    return (out, c, s) -> {
      if (c.logAsap()) {
        out.append('+');
      }
      return value.append(out, c, s);
    };
  }

  private static long tq(LogContext c) {
    long th = c.timer(Timer.HANDSHAKE);
    long ti = c.timer(Timer.IDLE);
    long tr = c.timer(Timer.REQUEST);
    return th < 0 || ti < 0 || tr < 0 ? -1 : th + ti + tr;
  }

  private static long tu(LogContext c) {
    long tt = c.timer(Timer.TOTAL);
    long ti = c.timer(Timer.IDLE);
    return tt < 0 ? -1 : tt - Math.max(0, ti);
  }

  private static long td(LogContext c) {
    long tt = c.timer(Timer.TOTAL);
    long tq = tq(c);
    long tw = c.timer(Timer.QUEUE);
    long tc = c.timer(Timer.CONNECT);
    long tr = c.timer(Timer.RESPONSE);
    return tt < 0 || tq < 0 || tw < 0 || tc < 0 || tr < 0 ? -1 : tt - (tq + tw + tc + tr);
  }

  static List<String> supported() {
    return HAPROXY.stream().filter(v -> !UNSUPPORTED.contains(v)).sorted().toList();
  }
}
