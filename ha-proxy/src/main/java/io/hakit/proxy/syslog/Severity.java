package io.hakit.proxy.syslog;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Syslog severities (RFC 5424 section 6.2.1), most severe first; the ordinal is the code. */
public enum Severity {
  EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

  public int code() {
    return ordinal();
  }

  /** The level named as in haproxy.cfg ({@code info}, {@code err}, ...), or null. */
  public static @Nullable Severity byName(String name) {
    for (Severity s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
        return s;
      }
    }
    return null;
  }
}
