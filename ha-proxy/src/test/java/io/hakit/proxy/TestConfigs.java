package io.hakit.proxy;

/** Config text shared by the differential tests. */
public final class TestConfigs {
  /** A {@code defaults} section for HTTP mode with finite timeouts (connect 5s, client and server 10s), ending in a newline. */
  public static final String HTTP_DEFAULTS = String.join("\n",
      "defaults",
      "    mode http",
      "    timeout connect 5s",
      "    timeout client 10s",
      "    timeout server 10s",
      "");

  private TestConfigs() {}
}
