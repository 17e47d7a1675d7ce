package io.hakit.core.model;

/** {@code mode tcp|http}: a byte relay, or HTTP/1.x parsed and routed. */
public enum Mode {
  TCP,
  HTTP;

  /** The keyword as haproxy.cfg writes it. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
