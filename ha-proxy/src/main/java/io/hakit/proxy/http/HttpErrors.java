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

  private HttpErrors() {}

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
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
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
