package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * HAProxy's built-in error responses, byte for byte as HAProxy 2.6 sends them: 400 and 408 come
 * from the HTTP/1 parser (legacy form, connection closed); the others from the HTTP layer (lower
 * case headers, connection kept when it can be).
 */
final class HttpErrors {
  static final ByteBuf BAD_REQUEST_400 = legacy(400, "Bad request", "Your browser sent an invalid request.");
  static final ByteBuf TIMEOUT_408 = legacy(408, "Request Time-out",
      "Your browser didn't send a complete request in time.");
  static final ByteBuf FORBIDDEN_403 = htx(403, "Forbidden", "Request forbidden by administrative rules.");
  static final ByteBuf INTERNAL_500 = htx(500, "Internal Server Error", "An internal server error occurred.");
  static final ByteBuf BAD_GATEWAY_502 = htx(502, "Bad Gateway",
      "The server returned an invalid or incomplete response.");
  static final ByteBuf UNAVAILABLE_503 = htx(503, "Service Unavailable",
      "No server is available to handle this request.");
  static final ByteBuf GATEWAY_TIMEOUT_504 = htx(504, "Gateway Time-out", "The server didn't respond in time.");

  /** The pages a rule answers with ({@code deny_status}), all from the HTTP layer. */
  private static final java.util.Map<Integer, ByteBuf> RULE_PAGES = java.util.Map.ofEntries(
      java.util.Map.entry(200, htx(200, "OK", "Service ready.")),
      java.util.Map.entry(400, htx(400, "Bad request", "Your browser sent an invalid request.")),
      java.util.Map.entry(401, htx(401, "Unauthorized", "You need a valid user and password to access this content.")),
      java.util.Map.entry(403, FORBIDDEN_403),
      java.util.Map.entry(404, htx(404, "Not Found", "The resource could not be found.")),
      java.util.Map.entry(405, htx(405, "Method Not Allowed",
          "A request was made of a resource using a request method not supported by that resource")),
      // haproxy's own page for 407 says "Unauthorized", as 401's does.
      java.util.Map.entry(407, htx(407, "Unauthorized", "You need a valid user and password to access this content.")),
      java.util.Map.entry(408, htx(408, "Request Time-out", "Your browser didn't send a complete request in time.")),
      java.util.Map.entry(410, htx(410, "Gone", "The resource is no longer available and will not be available again.")),
      java.util.Map.entry(413, htx(413, "Payload Too Large", "The request entity exceeds the maximum allowed.")),
      java.util.Map.entry(425, htx(425, "Too Early", "Your browser sent early data.")),
      java.util.Map.entry(429, htx(429, "Too Many Requests", "You have sent too many requests in a given amount of time.")),
      java.util.Map.entry(500, INTERNAL_500),
      // The leading dot is haproxy's.
      java.util.Map.entry(501, htx(501, "Not Implemented",
          ".The server does not support the functionality required to fulfill the request.")),
      java.util.Map.entry(502, BAD_GATEWAY_502),
      java.util.Map.entry(503, UNAVAILABLE_503),
      java.util.Map.entry(504, GATEWAY_TIMEOUT_504));

  private HttpErrors() {}

  /**
   * The page a rule answers with for {@code status} (http-request/http-response deny): haproxy's
   * built-in page for it, else 500's (the config reader accepts only statuses that have one).
   */
  static ByteBuf forRule(int status) {
    return RULE_PAGES.getOrDefault(status, INTERNAL_500);
  }

  /** The response for a status this class knows, else 500's. Callers write a duplicate. */
  static ByteBuf forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST_400;
      case 403 -> FORBIDDEN_403;
      case 408 -> TIMEOUT_408;
      case 502 -> BAD_GATEWAY_502;
      case 503 -> UNAVAILABLE_503;
      case 504 -> GATEWAY_TIMEOUT_504;
      default -> INTERNAL_500;
    };
  }

  /** The reason phrase HAProxy uses for a status. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Time-out";
      case 410 -> "Gone";
      case 413 -> "Payload Too Large";
      case 425 -> "Too Early";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Time-out";
      default -> "Other";
    };
  }

  private static String body(int status, String title, String text) {
    return "<html><body><h1>" + status + " " + title + "</h1>\n" + text + "\n</body></html>\n";
  }

  private static ByteBuf legacy(int status, String title, String text) {
    String body = body(status, title, text);
    return constant("HTTP/1.1 " + status + " " + title + "\r\nContent-length: " + body.length()
        + "\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n" + body);
  }

  private static ByteBuf htx(int status, String title, String text) {
    String body = body(status, title, text);
    return constant("HTTP/1.1 " + status + " " + title + "\r\ncontent-length: " + body.length()
        + "\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n" + body);
  }

  /** Bytes shared by every connection, never released (callers write a duplicate). */
  static ByteBuf constant(String text) {
    // A JDK direct buffer, not an allocator's: shared forever, freed by the GC with its owner.
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes);
    direct.flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
  }
}
