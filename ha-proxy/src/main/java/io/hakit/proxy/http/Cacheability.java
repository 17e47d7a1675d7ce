package io.hakit.proxy.http;

/**
 * Whether a response may be cached, as HAProxy 2.6 decides it for {@code cookie ... nocache}
 * (which then adds {@code Cache-Control: private} next to an inserted cookie). Established
 * against haproxy 2.6.12: GET, HEAD, OPTIONS and TRACE only; statuses cacheable by default
 * (RFC 7231 6.1); a first {@code Pragma: no-cache} forbids it; {@code Cache-Control} values are
 * read in order ({@code public} allows, {@code private}, {@code no-cache}, {@code no-store},
 * {@code max-age=0}, {@code s-maxage=0} forbid); and a response with neither freshness
 * ({@code max-age}, {@code s-maxage}, {@code Expires}) nor validator ({@code ETag},
 * {@code Last-Modified}) is not cacheable. Stateless.
 */
final class Cacheability {
  private Cacheability() {}

  static boolean cacheable(HttpHead req, HttpHead resp) {
    boolean cacheable = methodAllows(req.method) && statusAllows(resp.status);
    String pragma = resp.get("pragma");
    if (pragma != null && pragma.trim().equalsIgnoreCase("no-cache")) {
      return false;
    }
    boolean fresh = false;
    for (int i = 0; i < resp.headerCount(); i++) {
      if (!resp.headerName(i).equals("cache-control")) {
        continue;
      }
      for (String part : resp.headerValue(i).split(",")) {
        String v = part.trim();
        if (v.equalsIgnoreCase("public")) {
          cacheable = true;
        } else if (v.equalsIgnoreCase("private") || v.equalsIgnoreCase("no-cache") || v.equalsIgnoreCase("no-store")
            || v.equalsIgnoreCase("max-age=0") || v.equalsIgnoreCase("s-maxage=0")) {
          cacheable = false;
        } else if (startsWithIgnoreCase(v, "no-cache=\"set-cookie")) {
          // Only the cookie may not be cached: the response itself still may.
          continue;
        } else if (startsWithIgnoreCase(v, "s-maxage") || startsWithIgnoreCase(v, "max-age")) {
          fresh = true;
        }
      }
    }
    if (!fresh) {
      fresh = resp.get("expires") != null;
    }
    if (!fresh && resp.get("etag") == null && resp.get("last-modified") == null) {
      return false;
    }
    return cacheable;
  }

  private static boolean methodAllows(String method) {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
      default -> false;
    };
  }

  private static boolean statusAllows(int status) {
    return switch (status) {
      case 200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501 -> true;
      default -> false;
    };
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
