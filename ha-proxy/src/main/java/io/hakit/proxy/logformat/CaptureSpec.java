package io.hakit.proxy.logformat;

import io.hakit.core.model.Capture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A frontend's {@code capture request header}, {@code capture response header} and {@code capture
 * cookie} lines, in file order (their index is what {@code capture.req.hdr(n)} names). Immutable.
 */
public final class CaptureSpec {
  /** A frontend without captures. */
  public static final CaptureSpec NONE = new CaptureSpec(List.of());

  private final String[] requestNames;
  private final int[] requestLengths;
  private final String[] responseNames;
  private final int[] responseLengths;
  private final @Nullable String cookie;
  private final int cookieLength;

  public CaptureSpec(List<Capture> captures) {
    List<Capture> req = new ArrayList<>();
    List<Capture> res = new ArrayList<>();
    Capture cookieCapture = null;
    for (Capture c : captures) {
      switch (c.kind()) {
        case REQUEST_HEADER -> req.add(c);
        case RESPONSE_HEADER -> res.add(c);
        case COOKIE -> cookieCapture = c;
      }
    }
    requestNames = req.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    requestLengths = req.stream().mapToInt(Capture::length).toArray();
    responseNames = res.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    responseLengths = res.stream().mapToInt(Capture::length).toArray();
    cookie = cookieCapture == null ? null : cookieCapture.name();
    cookieLength = cookieCapture == null ? 0 : cookieCapture.length();
  }

  public int requestHeaders() {
    return requestNames.length;
  }

  public int responseHeaders() {
    return responseNames.length;
  }

  public boolean isEmpty() {
    return requestNames.length == 0 && responseNames.length == 0 && cookie == null;
  }

  /** A holder for one transaction's captured values. */
  public Captured newHolder() {
    return new Captured(this);
  }

  String[] requestNames() {
    return requestNames;
  }

  int[] requestLengths() {
    return requestLengths;
  }

  String[] responseNames() {
    return responseNames;
  }

  int[] responseLengths() {
    return responseLengths;
  }

  @Nullable String cookie() {
    return cookie;
  }

  int cookieLength() {
    return cookieLength;
  }
}
