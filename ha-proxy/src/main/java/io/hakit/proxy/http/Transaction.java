package io.hakit.proxy.http;

import io.hakit.proxy.acl.RequestSample;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.log.AccessLog;
import io.hakit.proxy.log.LoggedBytes;
import io.hakit.proxy.log.SessionRecord;
import io.hakit.proxy.logformat.Captured;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * What the access log and the log-format expressions of rules read about one HTTP transaction:
 * the connection's record plus the request and response heads and the captured headers. Reset
 * after each line; owned by one session, on its event loop.
 */
final class Transaction extends SessionRecord {
  private final HttpHead request;
  private final HttpHead response;
  private final @Nullable Captured captured;
  private boolean responseSeen;
  /** The server that took the request, for its stats counters. */
  @Nullable ServerState served;
  /** Cookie persistence of this transaction (its %tsc flags), null when its backend has no cookie. */
  @Nullable CookieTransaction cookie;

  Transaction(AccessLog log, HttpHead request, HttpHead response) {
    super(log);
    this.request = request;
    this.response = response;
    this.captured = log.captures().isEmpty() ? null : log.captures().newHolder();
  }

  /** What HAProxy 2.6 counts in %B for a response head as the server sent it (see {@link LoggedBytes}). */
  static int loggedSize(HttpHead response) {
    return LoggedBytes.responseHead(response.status, response.reason, response);
  }

  /** What HAProxy 2.6 counts in %B for a whole response the proxy answers with itself (head and body). */
  static int loggedSize(ByteBuf response) {
    int lines = 0;
    int end = response.writerIndex();
    for (int i = response.readerIndex(); i + 1 < end; i++) {
      if (response.getByte(i) == '\r' && response.getByte(i + 1) == '\n') {
        lines++;
        if (i + 3 < end && response.getByte(i + 2) == '\r' && response.getByte(i + 3) == '\n') {
          break;
        }
      }
    }
    // lines: the status line and each header; the empty line ending the head is not counted.
    return LoggedBytes.localResponse(response.readableBytes(), Math.max(0, lines - 1));
  }

  /** The request head is parsed: takes its captures, before any rule changes it. */
  void requestHead() {
    headDone = System.currentTimeMillis();
    numbered();
    // %U: the head in HAProxy's counting, not the bytes read (see LoggedBytes).
    bytesFromClient = LoggedBytes.requestHead(request);
    if (captured != null) {
      captured.captureRequest(request);
    }
  }

  /**
   * The http-request rules ran: the unique ID exists from now on (HAProxy generates it here unless a
   * rule used it first) and goes into {@code unique-id-header}, after the rules' headers.
   */
  void afterRequestRules() {
    String id = uniqueId();
    String header = log.uniqueIdHeader();
    if (id != null && header != null) {
      request.add(header, id);
    }
  }

  /** A final response head arrived from the server. */
  void responseHead() {
    responseSeen = true;
    if (captured != null) {
      captured.captureResponse(response);
    }
  }

  @Override
  public void reset() {
    super.reset();
    served = null;
    responseSeen = false;
    if (captured != null) {
      captured.clear();
    }
  }

  /** Kept for the session's old name of {@link #reset()}. */
  void resetTimes() {
    reset();
  }

  @Override
  public String cookieFlags() {
    CookieTransaction c = cookie;
    return c == null ? "--" : c.flags();
  }

  @Override
  public @Nullable RequestSample request() {
    return request.method.isEmpty() ? null : request;
  }

  @Override
  public @Nullable RequestSample response() {
    return responseSeen ? response : null;
  }

  @Override
  public @Nullable Captured captured() {
    return captured;
  }
}
