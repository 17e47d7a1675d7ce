package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import java.util.Locale;

/**
 * {@code balance hdr(<name>) [use_domain_only]}: the header's first value (up to a comma, spaces
 * trimmed). {@code use_domain_only} keeps only the label before the last dot ({@code 1wt} of
 * {@code haproxy.1wt.eu}), for Host-like headers. Absent when the header is missing or empty.
 */
record HeaderKey(String name, boolean domainOnly) implements HashKey {

  HeaderKey {
    // Lower case once, so that the request's case-insensitive lookup has nothing to convert.
    name = name.toLowerCase(Locale.ROOT);
  }

  @Override
  public long hash(BalanceRequest request, Method method) {
    String v = request.header(name);
    if (v == null) {
      return ABSENT;
    }
    int start = 0;
    int end = v.indexOf(',');
    if (end < 0) {
      end = v.length();
    }
    while (start < end && isSpace(v.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(v.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return ABSENT;
    }
    if (domainOnly) {
      int dot = lastDot(v, start + 1, end);
      if (dot >= 0) {
        int before = lastDot(v, start, dot - 1);
        start = before >= 0 ? before + 1 : start;
        end = dot;
      }
    }
    return method.finish(method.function().hash(v, start, end));
  }

  /** The last '.' in {@code v[from, to)}, or -1. */
  private static int lastDot(String v, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (v.charAt(i) == '.') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
