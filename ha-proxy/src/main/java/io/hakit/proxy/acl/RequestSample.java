package io.hakit.proxy.acl;

/**
 * What ACL fetches read from a request (or, for http-response conditions, a response head): the
 * request line or status, the headers and the client address.
 * Implemented by the HTTP engine over its parsed request head (no copies); header names are
 * lower case. In TCP mode only {@link #sourceAddress()} carries data.
 */
public interface RequestSample {
  /** The method as received, e.g. {@code GET}; empty in TCP mode. */
  String method();

  /** The request target as received (origin-form {@code /a?b}, or absolute-form). */
  String uri();

  /** The path of the target, without query string (HAProxy's {@code path} fetch). */
  String path();

  /** 10 for HTTP/1.0, 11 for HTTP/1.1; 0 in TCP mode. */
  int version();

  int headerCount();

  /** The lower-case name of header {@code i}. */
  String headerName(int i);

  String headerValue(int i);

  /** The client address bytes (4 or 16). */
  byte[] sourceAddress();

  /** The status code when this is a response head (http-response conditions); 0 for a request. */
  default int status() {
    return 0;
  }
}
