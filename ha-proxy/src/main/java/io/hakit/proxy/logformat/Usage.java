package io.hakit.proxy.logformat;

/**
 * Where a format is evaluated, which decides what it may read (HAProxy refuses, when parsing, a
 * fetch whose data is not there at that point) and how an absent value prints.
 */
public enum Usage {
  /** An access log line, written at the end of the transaction: {@code -} for an absent value. */
  LOG,
  /** A header value of an {@code http-request} rule in a frontend: empty for an absent value. */
  HTTP_REQUEST
}
