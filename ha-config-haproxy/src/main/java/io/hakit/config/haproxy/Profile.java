package io.hakit.config.haproxy;

import java.util.Set;

/**
 * The HAProxy build whose verdicts the reader reproduces: what {@code .if version_atleast(...)},
 * {@code feature(...)} and the SSL predicates see. The one profile today is Debian's 2.6.12, the
 * binary the differential tests run against ({@code haproxy -vv}).
 */
record Profile(String version, Set<String> features, String sslLibrary, String sslVersion) {
  static final Profile HAPROXY_2_6 = new Profile("2.6.12", Set.of(
      "ACCEPT4", "BACKTRACE", "CPU_AFFINITY", "CRYPT_H", "DL", "EPOLL", "GETADDRINFO", "LIBCRYPT", "LINUX_SPLICE",
      "LINUX_TPROXY", "LUA", "NETFILTER", "NS", "OPENSSL", "OT", "PCRE2", "PCRE2_JIT", "POLL", "PRCTL", "PROMEX", "RT",
      "SLZ", "SYSTEMD", "TFO", "THREAD", "THREAD_DUMP", "TPROXY"), "OpenSSL", "3.0.19");

  /** Compares dotted versions; missing parts are 0, a {@code -devN} suffix sorts before the release. */
  static int compareVersions(String a, String b) {
    long[] x = versionKey(a);
    long[] y = versionKey(b);
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        return Long.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  /** Four numeric parts and a release rank (dev versions rank below the release). */
  private static long[] versionKey(String v) {
    long[] key = new long[5];
    int part = 0;
    int i = 0;
    int n = v.length();
    while (i < n && part < 4) {
      long value = 0;
      int start = i;
      while (i < n && Character.isDigit(v.charAt(i))) {
        value = Math.min(value * 10 + (v.charAt(i) - '0'), Integer.MAX_VALUE);
        i++;
      }
      if (i == start) {
        break;
      }
      key[part++] = value;
      if (i < n && v.charAt(i) == '.') {
        i++;
      } else {
        break;
      }
    }
    key[4] = v.indexOf("-dev", i) >= 0 || v.indexOf("-dev") >= 0 ? 0 : 1;
    return key;
  }
}
