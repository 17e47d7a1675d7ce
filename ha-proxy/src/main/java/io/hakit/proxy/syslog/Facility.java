package io.hakit.proxy.syslog;

import java.util.List;

/** The 24 syslog facilities by the names haproxy.cfg uses; the position in the list is the code. */
final class Facility {
  private static final List<String> NAMES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
      "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2",
      "local3", "local4", "local5", "local6", "local7");

  private Facility() {}

  /** The facility code for a name, or -1. */
  static int code(String name) {
    return NAMES.indexOf(name);
  }

  static List<String> names() {
    return NAMES;
  }
}
