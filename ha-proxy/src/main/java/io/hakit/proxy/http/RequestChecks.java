package io.hakit.proxy.http;

/**
 * The message-level checks HAProxy applies after parsing a head: Content-Length values (several
 * equal ones merge, different ones are an error), Transfer-Encoding (must end in chunked; it wins
 * over Content-Length, which is removed), and an absolute-form target whose authority must match
 * the Host header.
 */
final class RequestChecks {
  private RequestChecks() {}

  /** Validates a request head and sets up its body framing; false means 400. */
  static boolean frame(HttpHead req, BodyFramer body) {
    String authority = req.authority();
    if (authority != null) {
      String host = req.get("host");
      if (host != null && !host.equalsIgnoreCase(authority)) {
        return false;
      }
    }
    if (req.get("transfer-encoding") != null) {
      if (req.version == 10 || !endsWithChunked(req)) {
        return false;
      }
      req.remove("content-length");
      body.reset(BodyFramer.Kind.CHUNKED, 0);
      return true;
    }
    if (req.get("content-length") != null) {
      long len = contentLength(req);
      if (len < 0) {
        return false;
      }
      body.reset(len == 0 ? BodyFramer.Kind.NONE : BodyFramer.Kind.LENGTH, len);
      return true;
    }
    body.reset(BodyFramer.Kind.NONE, 0);
    return true;
  }

  private static boolean endsWithChunked(HttpHead h) {
    String last = null;
    for (int i = 0; i < h.headerCount(); i++) {
      if (h.headerName(i).equals("transfer-encoding")) {
        for (String part : h.headerValue(i).split(",")) {
          if (!part.isBlank()) {
            if ("chunked".equalsIgnoreCase(last)) {
              return false;
            }
            last = part.trim();
          }
        }
      }
    }
    return "chunked".equalsIgnoreCase(last);
  }

  /**
   * The single Content-Length of a head (every value of every occurrence must agree); the header is
   * rewritten as one. -1 when invalid.
   */
  static long contentLength(HttpHead h) {
    long value = -1;
    for (int i = 0; i < h.headerCount(); i++) {
      if (!h.headerName(i).equals("content-length")) {
        continue;
      }
      for (String part : h.headerValue(i).split(",", -1)) {
        long v = digits(part.trim());
        if (v < 0 || (value >= 0 && v != value)) {
          return -1;
        }
        value = v;
      }
    }
    if (value >= 0 && (h.count("content-length") > 1 || h.get("content-length").indexOf(',') >= 0)) {
      h.set("content-length", Long.toString(value));
    }
    return value;
  }

  private static long digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
