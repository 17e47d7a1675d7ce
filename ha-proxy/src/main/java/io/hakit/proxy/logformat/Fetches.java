package io.hakit.proxy.logformat;

import io.hakit.proxy.acl.RequestSample;
import io.hakit.proxy.internal.DidYouMean;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The sample fetches HAKit evaluates (7.3.2-7.3.6), each with where its data exists: HAProxy
 * refuses, when the format is parsed, a fetch whose data is gone (request headers in a log line) or
 * not there yet (the status in an {@code http-request} rule).
 */
final class Fetches {
  /** One fetch keyword. */
  private record Def(Args.Spec args, Set<Usage> usable, String needs, Function<Args, Fetch> factory) {}

  private static final Set<Usage> BOTH = EnumSet.allOf(Usage.class);
  private static final Set<Usage> LOG = EnumSet.of(Usage.LOG);
  private static final Set<Usage> REQUEST = EnumSet.of(Usage.HTTP_REQUEST);
  private static final Set<Usage> NEITHER = EnumSet.noneOf(Usage.class);
  private static final Map<String, Def> TABLE = new TreeMap<>();

  static {
    simple("src", BOTH, "", (c, s) -> address(c, LogContext.Peer.CLIENT, s));
    simple("src_port", BOTH, "", (c, s) -> port(c, LogContext.Peer.CLIENT, s));
    simple("dst", BOTH, "", (c, s) -> address(c, LogContext.Peer.FRONTEND, s));
    simple("dst_port", BOTH, "", (c, s) -> port(c, LogContext.Peer.FRONTEND, s));
    simple("fe_name", BOTH, "", (c, s) -> s.set(c.frontendName()));
    simple("be_name", LOG, "backend", (c, s) -> s.set(c.backendName()));
    simple("srv_name", LOG, "server", (c, s) -> {
      String n = c.serverName();
      return !n.equals("<NOSRV>") && s.set(n);
    });
    simple("method", BOTH, "", (c, s) -> {
      RequestSample r = c.request();
      return r != null && !r.method().isEmpty() && s.set(r.method());
    });
    simple("path", REQUEST, "HTTP request headers", (c, s) -> {
      RequestSample r = headers(c);
      return r != null && s.set(r.path());
    });
    simple("query", REQUEST, "HTTP request headers", (c, s) -> {
      RequestSample r = headers(c);
      int q = r == null ? -1 : r.uri().indexOf('?');
      return q >= 0 && s.set(r.uri().substring(q + 1));
    });
    simple("url", REQUEST, "HTTP request headers", (c, s) -> {
      RequestSample r = headers(c);
      return r != null && s.set(r.uri());
    });
    simple("base", REQUEST, "HTTP request headers", (c, s) -> {
      RequestSample r = headers(c);
      if (r == null) {
        return false;
      }
      String host = Headers.value(r, "host", -1);
      return s.set(host == null || host.isEmpty() ? r.path() : host + r.path());
    });
    simple("req.ver", REQUEST, "HTTP request headers", (c, s) -> {
      RequestSample r = headers(c);
      return r != null && r.version() != 0 && s.set(r.version() == 10 ? "1.0" : "1.1");
    });
    header("req.hdr", REQUEST, "HTTP request headers", false);
    header("hdr", REQUEST, "HTTP request headers,HTTP response headers", false);
    header("res.hdr", NEITHER, "HTTP response headers", true);
    // HAProxy 2.6 accepts %[status] in a log line but the response is gone by then: it prints "-"
    // (%ST has the status). The same here, so that lines compare equal.
    simple("unique-id", BOTH, "", (c, s) -> s.set(c.uniqueId()));
    simple("status", LOG, "HTTP response", (c, s) -> false);
    TABLE.put("capture.req.hdr", new Def(new Args.Spec("i", 1), BOTH, "", a -> {
      int i = a.integer(0, 0);
      return (c, s) -> c.captured() != null && s.set(c.captured().request(i));
    }));
    TABLE.put("capture.res.hdr", new Def(new Args.Spec("i", 1), LOG, "HTTP response", a -> {
      int i = a.integer(0, 0);
      return (c, s) -> c.captured() != null && s.set(c.captured().response(i));
    }));
  }

  private Fetches() {}

  private static void simple(String name, Set<Usage> usable, String needs, Fetch fetch) {
    TABLE.put(name, new Def(Args.Spec.NONE, usable, needs, a -> fetch));
  }

  private static void header(String name, Set<Usage> usable, String needs, boolean response) {
    TABLE.put(name, new Def(new Args.Spec("si", 1), usable, needs, a -> {
      String lower = a.string(0).trim().toLowerCase(Locale.ROOT);
      int occ = a.integer(1, -1);
      return (c, s) -> {
        RequestSample head = response ? c.response() : headers(c);
        return head != null && s.set(Headers.value(head, lower, occ == 0 ? -1 : occ));
      };
    }));
  }

  /** The request head for fetches that read its headers, null once they are released. */
  private static @Nullable RequestSample headers(LogContext c) {
    return c.requestHeadersAvailable() ? c.request() : null;
  }

  private static boolean address(LogContext c, LogContext.Peer peer, Sample s) {
    InetSocketAddress a = c.address(peer);
    return a != null && s.set(a.getAddress());
  }

  private static boolean port(LogContext c, LogContext.Peer peer, Sample s) {
    InetSocketAddress a = c.address(peer);
    return a != null && s.set(a.getPort());
  }

  /**
   * Compiles one fetch.
   *
   * @param rest the format from the fetch name to its end, which HAProxy quotes in its messages
   */
  static Fetch compile(String name, @Nullable String rawArgs, String argsText, Usage use, String rest) {
    Def def = TABLE.get(name);
    if (def == null) {
      throw new FormatException("failed to parse sample expression <" + rest + "> : unknown fetch method '" + name
          + "'" + DidYouMean.hint(name, TABLE.keySet()) + " (this runtime supports: " + String.join(", ", TABLE.keySet())
          + ").");
    }
    Args args;
    try {
      args = Args.parse(rawArgs == null ? "" : rawArgs, rawArgs != null, def.args(), false, name, argsText);
    } catch (FormatException e) {
      throw new FormatException("failed to parse sample expression <" + rest + "> : " + e.getMessage());
    }
    if (!def.usable().contains(use)) {
      throw new FormatException("sample fetch <" + rest + "> may not be reliably used here because it needs '"
          + def.needs() + "' which is not available here.");
    }
    return def.factory().apply(args);
  }

  static Set<String> names() {
    return TABLE.keySet();
  }
}
