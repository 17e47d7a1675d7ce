package io.hakit.proxy.backend;

import java.util.List;

/**
 * A backend's {@code retry-on} compiled to flags: which failures after the request reached a
 * server make HAProxy send it again (an "L7 retry"). Connect failures are retried unless the
 * list says {@code none}. Immutable.
 *
 * <p>Semantics established against haproxy 2.6.12: every retry counts against {@code retries}
 * (the same counter as connect retries) and is immediate; without {@code option redispatch} it
 * goes to the same server, with it every L7 retry avoids the server that just failed; the client
 * gets the last server response (for a status), or 502 (empty or junk response), 504 (response
 * timeout). A request is replayed only if it fits in one buffer ({@link #MAX_REPLAY_BYTES}).
 */
public final class RetryPolicy {
  /** HAProxy's tune.bufsize: a request larger than this (head and body) is never replayed. */
  public static final int MAX_REPLAY_BYTES = 16384;

  private static final RetryPolicy DEFAULT = new RetryPolicy(true, false, false, false, new boolean[600]);

  private final boolean connFailure;
  private final boolean emptyResponse;
  private final boolean junkResponse;
  private final boolean responseTimeout;
  private final boolean[] statuses;

  private RetryPolicy(boolean connFailure, boolean emptyResponse, boolean junkResponse, boolean responseTimeout,
      boolean[] statuses) {
    this.connFailure = connFailure;
    this.emptyResponse = emptyResponse;
    this.junkResponse = junkResponse;
    this.responseTimeout = responseTimeout;
    this.statuses = statuses;
  }

  /**
   * Compiles {@code retry-on} keywords as the config reader accepts them; an empty list is
   * HAProxy's default ({@code conn-failure}).
   *
   * @throws IllegalArgumentException for an unknown keyword
   */
  public static RetryPolicy of(List<String> keywords) {
    if (keywords.isEmpty()) {
      return DEFAULT;
    }
    boolean conn = false;
    boolean empty = false;
    boolean junk = false;
    boolean timeout = false;
    boolean[] codes = new boolean[600];
    for (String k : keywords) {
      switch (k) {
        case "none" -> { }
        case "conn-failure" -> conn = true;
        case "empty-response" -> empty = true;
        case "junk-response" -> junk = true;
        case "response-timeout" -> timeout = true;
        // TLS early data does not exist on plain TCP server connections: nothing to retry.
        case "0rtt-rejected" -> { }
        case "all-retryable-errors" -> {
          conn = true;
          empty = true;
          junk = true;
          timeout = true;
          for (int c : new int[] {500, 502, 503, 504}) {
            codes[c] = true;
          }
        }
        case "401", "403", "404", "408", "425", "500", "501", "502", "503", "504" -> codes[Integer.parseInt(k)] = true;
        default -> throw new IllegalArgumentException("retry-on: unknown keyword '" + k + "'");
      }
    }
    return new RetryPolicy(conn, empty, junk, timeout, codes);
  }

  /** True when a failed connect is retried. */
  public boolean onConnFailure() {
    return connFailure;
  }

  /** The server closed (or reset) after the request went out, before any response byte. */
  public boolean onEmptyResponse() {
    return emptyResponse;
  }

  /** The server sent something that is not a complete, valid response head. */
  public boolean onJunkResponse() {
    return junkResponse;
  }

  /** {@code timeout server} struck before the response head. */
  public boolean onResponseTimeout() {
    return responseTimeout;
  }

  /** The server answered this status. */
  public boolean onStatus(int status) {
    return status >= 0 && status < statuses.length && statuses[status];
  }

  /**
   * True when every way a reused idle connection can fail is retried (conn-failure, empty-response
   * and response-timeout): haproxy 2.6 then lets a first request take idle connections too.
   */
  public boolean coversReuseFailures() {
    return connFailure && emptyResponse && responseTimeout;
  }

  /** True when a condition after the request was sent may replay it, so the request must be kept. */
  public boolean needsReplay() {
    if (emptyResponse || junkResponse || responseTimeout) {
      return true;
    }
    for (boolean b : statuses) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
