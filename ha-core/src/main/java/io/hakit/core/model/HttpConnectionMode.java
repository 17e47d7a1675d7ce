package io.hakit.core.model;

/**
 * How HTTP connections are kept, as set by {@code option http-keep-alive} (default),
 * {@code option http-server-close} and {@code option httpclose}. When a frontend and a backend
 * disagree, HAProxy applies the one that closes more: {@link #strongest}.
 */
public enum HttpConnectionMode {
  KEEP_ALIVE("http-keep-alive"),
  SERVER_CLOSE("http-server-close"),
  CLOSE("httpclose");

  private final String option;

  HttpConnectionMode(String option) {
    this.option = option;
  }

  /** The {@code option} name that selects this mode. */
  public String option() {
    return option;
  }

  public static HttpConnectionMode strongest(HttpConnectionMode a, HttpConnectionMode b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
