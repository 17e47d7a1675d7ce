package io.hakit.proxy.log;

import io.hakit.proxy.acl.RequestSample;

/**
 * What HAProxy 2.6 counts in {@code %B} and {@code %U} for an HTTP message head. It counts its
 * internal (HTX) form, not the wire bytes, as measured with {@code haproxy -db} and a
 * {@code log-format "%B %U"}:
 * <ul>
 *   <li>the start line costs 20 bytes (its fixed block: flags, method or status, three lengths)
 *       plus its three parts without separators ({@code GET}, {@code /a}, {@code HTTP/1.1});
 *   <li>a header costs its name and value, without {@code ": "} and CRLF;
 *   <li>the {@code connection} header loses its {@code close} and {@code keep-alive} tokens (the
 *       HTTP/1 layer turns them into flags), and is not counted at all when nothing else is left;
 *   <li>the end of the head costs 1 byte.
 * </ul>
 * A body costs its data bytes; a chunked one no framing, but its trailers (name and value) and 1
 * byte for their end (see the HTTP session's body framer). Stateless.
 */
public final class LoggedBytes {
  /** The fixed part of the start-line block. */
  private static final int START_LINE = 20;
  /** The end-of-headers block. */
  private static final int END_OF_HEADERS = 1;
  /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
  private static final int VERSION = 8;

  private LoggedBytes() {}

  /** A request head as received (before any rule changes it): HAProxy's {@code %U} for a body-less request. */
  public static int requestHead(RequestSample request) {
    return START_LINE + request.method().length() + request.uri().length() + VERSION + headers(request)
        + END_OF_HEADERS;
  }

  /** A response head: status, reason and the headers as the server sent them. */
  public static int responseHead(int status, String reason, RequestSample headers) {
    return START_LINE + VERSION + String.valueOf(status).length() + reason.length() + headers(headers)
        + END_OF_HEADERS;
  }

  /**
   * A complete response the proxy wrote itself (an error page, a redirect), from its wire bytes
   * without the connection header the HTTP/1 output adds: the start line's two spaces and CRLF,
   * each header's {@code ": "} and CRLF and the empty line turn into the block sizes above.
   *
   * @param wireBytes the response's length, head and body
   * @param headerCount the header lines of its head
   */
  public static int localResponse(int wireBytes, int headerCount) {
    return wireBytes - 4 * headerCount + (START_LINE - 4) + (END_OF_HEADERS - 2);
  }

  private static int headers(RequestSample h) {
    int n = 0;
    for (int i = 0; i < h.headerCount(); i++) {
      String name = h.headerName(i);
      String value = h.headerValue(i);
      if (name.equalsIgnoreCase("connection")) {
        int kept = connectionValueLength(value);
        n += kept == 0 ? 0 : name.length() + kept;
      } else {
        n += name.length() + value.length();
      }
    }
    return n;
  }

  /** The length of a connection header's value once close and keep-alive are gone (tokens joined by ", "). */
  static int connectionValueLength(String value) {
    int length = 0;
    int tokens = 0;
    int i = 0;
    int n = value.length();
    while (i <= n) {
      int comma = value.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      String token = value.substring(i, end).trim();
      if (!token.isEmpty() && !token.equalsIgnoreCase("close") && !token.equalsIgnoreCase("keep-alive")) {
        length += token.length() + (tokens > 0 ? 2 : 0);
        tokens++;
      }
      i = end + 1;
    }
    return length;
  }
}
