package io.hakit.proxy.logformat;

import io.hakit.proxy.acl.RequestSample;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One transaction's captured header and cookie values, as HAProxy takes them: the last occurrence
 * of each captured header, cut to its {@code len}; the first cookie whose name starts with the
 * captured name, as {@code name=value}. Owned by one session, on its event loop.
 */
public final class Captured {
  private final CaptureSpec spec;
  private final @Nullable String[] request;
  private final @Nullable String[] response;
  private @Nullable String requestCookie;
  private @Nullable String responseCookie;

  Captured(CaptureSpec spec) {
    this.spec = spec;
    this.request = new String[spec.requestHeaders()];
    this.response = new String[spec.responseHeaders()];
  }

  public CaptureSpec spec() {
    return spec;
  }

  /** Takes the request's captured headers and cookie; called once the request head is parsed, before any rule. */
  public void captureRequest(RequestSample head) {
    take(head, spec.requestNames(), spec.requestLengths(), request);
    String name = spec.cookie();
    if (name != null) {
      requestCookie = cookie(head, "cookie", name, spec.cookieLength());
    }
  }

  /** Takes the response's captured headers and {@code Set-Cookie}. */
  public void captureResponse(RequestSample head) {
    take(head, spec.responseNames(), spec.responseLengths(), response);
    String name = spec.cookie();
    if (name != null) {
      responseCookie = cookie(head, "set-cookie", name, spec.cookieLength());
    }
  }

  public void clear() {
    Arrays.fill(request, null);
    Arrays.fill(response, null);
    requestCookie = null;
    responseCookie = null;
  }

  /** The value of request capture {@code i}, null when not captured or out of range. */
  public @Nullable String request(int i) {
    return i >= 0 && i < request.length ? request[i] : null;
  }

  public @Nullable String response(int i) {
    return i >= 0 && i < response.length ? response[i] : null;
  }

  public @Nullable String requestCookie() {
    return requestCookie;
  }

  public @Nullable String responseCookie() {
    return responseCookie;
  }

  private static void take(RequestSample head, String[] names, int[] lengths, @Nullable String[] out) {
    for (int h = 0; h < head.headerCount(); h++) {
      String name = head.headerName(h);
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          String v = head.headerValue(h);
          out[i] = v.length() > lengths[i] ? v.substring(0, lengths[i]) : v;
        }
      }
    }
  }

  private static @Nullable String cookie(RequestSample head, String header, String name, int length) {
    for (int h = 0; h < head.headerCount(); h++) {
      if (!head.headerName(h).equals(header)) {
        continue;
      }
      String v = head.headerValue(h);
      int i = 0;
      while (i < v.length()) {
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
          i++;
        }
        int end = v.indexOf(';', i);
        if (end < 0) {
          end = v.length();
        }
        if (v.startsWith(name, i)) {
          int cut = Math.min(end, i + length);
          return v.substring(i, cut);
        }
        if (header.equals("set-cookie")) {
          break;
        }
        i = end + 1;
      }
    }
    return null;
  }
}
