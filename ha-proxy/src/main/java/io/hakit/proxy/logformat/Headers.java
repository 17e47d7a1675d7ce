package io.hakit.proxy.logformat;

import io.hakit.proxy.acl.RequestSample;
import org.jspecify.annotations.Nullable;

/**
 * {@code req.hdr(name,occ)}: header values split on commas (spaces around each value dropped),
 * counted from the first (occ > 0) or the last (occ < 0); without an occurrence, the last one.
 */
final class Headers {
  private Headers() {}

  static @Nullable String value(RequestSample head, String lowerName, int occ) {
    if (occ < 0) {
      int total = count(head, lowerName);
      occ = total + occ + 1;
      if (occ <= 0) {
        return null;
      }
    }
    int seen = 0;
    for (int h = 0; h < head.headerCount(); h++) {
      if (!head.headerName(h).equals(lowerName)) {
        continue;
      }
      String v = head.headerValue(h);
      int start = 0;
      while (true) {
        int comma = v.indexOf(',', start);
        int end = comma < 0 ? v.length() : comma;
        if (++seen == occ) {
          return trimmed(v, start, end);
        }
        if (comma < 0) {
          break;
        }
        start = comma + 1;
      }
    }
    return null;
  }

  private static int count(RequestSample head, String lowerName) {
    int n = 0;
    for (int h = 0; h < head.headerCount(); h++) {
      if (head.headerName(h).equals(lowerName)) {
        String v = head.headerValue(h);
        n++;
        for (int i = v.indexOf(','); i >= 0; i = v.indexOf(',', i + 1)) {
          n++;
        }
      }
    }
    return n;
  }

  private static String trimmed(String v, int start, int end) {
    while (start < end && (v.charAt(start) == ' ' || v.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\t')) {
      end--;
    }
    return start == 0 && end == v.length() ? v : v.substring(start, end);
  }
}
