package io.hakit.proxy.stats;

import java.util.Locale;

/**
 * A stats socket's access level, as HAProxy's {@code level} bind option: {@code user} reads,
 * {@code operator} also sees addresses and clears counters, {@code admin} changes servers.
 */
public enum CliLevel {
  USER,
  OPERATOR,
  ADMIN;

  /** The keyword as written in haproxy.cfg and printed by {@code show cli level}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted words
   */
  public static CliLevel parse(String word) {
    for (CliLevel l : values()) {
      if (l.keyword().equals(word)) {
        return l;
      }
    }
    throw new IllegalArgumentException("'level' only supports 'user', 'operator', and 'admin' (got '" + word + "')");
  }

  boolean allows(CliLevel required) {
    return compareTo(required) >= 0;
  }
}
