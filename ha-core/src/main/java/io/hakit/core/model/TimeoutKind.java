package io.hakit.core.model;

/** The {@code timeout <kind>} settings of HAProxy. */
public enum TimeoutKind {
  CHECK("check"),
  CLIENT("client"),
  CLIENT_FIN("client-fin"),
  CONNECT("connect"),
  HTTP_KEEP_ALIVE("http-keep-alive"),
  HTTP_REQUEST("http-request"),
  QUEUE("queue"),
  SERVER("server"),
  SERVER_FIN("server-fin"),
  TARPIT("tarpit"),
  TUNNEL("tunnel");

  private final String keyword;

  TimeoutKind(String keyword) {
    this.keyword = keyword;
  }

  /** The word after {@code timeout} in haproxy.cfg. */
  public String keyword() {
    return keyword;
  }

  /** The kind for a keyword, or null. */
  public static @org.jspecify.annotations.Nullable TimeoutKind ofKeyword(String keyword) {
    for (TimeoutKind k : values()) {
      if (k.keyword.equals(keyword)) {
        return k;
      }
    }
    return null;
  }
}
