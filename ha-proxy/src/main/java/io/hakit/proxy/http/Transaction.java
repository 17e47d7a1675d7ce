package io.hakit.proxy.http;

import io.hakit.proxy.acl.RequestSample;
import io.hakit.proxy.log.AccessLog;
import io.hakit.proxy.log.SessionRecord;
import io.hakit.proxy.logformat.Captured;
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

  Transaction(AccessLog log, HttpHead request, HttpHead response) {
    super(log);
    this.request = request;
    this.response = response;
    this.captured = log.captures().isEmpty() ? null : log.captures().newHolder();
  }

  /** The request head is parsed: takes its captures, before any rule changes it. */
  void requestHead() {
    headDone = System.currentTimeMillis();
    if (captured != null) {
      captured.captureRequest(request);
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
