package io.hakit.proxy.http;

/**
 * Character-level helpers for {@code Cookie} and {@code Set-Cookie} values, with HAProxy 2.6's
 * tolerances: spaces and tabs around names, {@code =} and values, quoted values, {@code ;} (and,
 * in requests, {@code ,}) between cookies. Values are edited in a {@link StringBuilder} whose
 * length is the end of the header value. Stateless.
 */
final class CookieText {
  private CookieText() {}

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** The end of a cookie value starting at {@code from}: the first {@code ,} or {@code ;} outside quotes, or {@code end}. */
  static int valueEnd(CharSequence s, int from, int end) {
    boolean quoted = false;
    boolean escaped = false;
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (quoted) {
        if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',' || c == ';') {
        return i;
      }
    }
    return end;
  }

  /**
   * Removes one cookie from a header value: the text between the delimiter {@code from} (or the
   * start, 0) and the delimiter {@code next} (or the end). When it is not the first cookie, the
   * delimiter at {@code next} takes the place of the one at {@code from}, followed by one space
   * when there is room, as HAProxy does. Returns the new position of {@code from} in [0] and the
   * displacement of everything after {@code next} (negative) in [1].
   */
  static int[] removeValue(StringBuilder h, int from, int next) {
    int end = h.length();
    int at = from;
    if (at == 0) {
      if (next < end) {
        next++;
      }
      while (next < end && isSpace(h.charAt(next))) {
        next++;
      }
    } else {
      while (at > 0 && isSpace(h.charAt(at - 1))) {
        at--;
      }
      from = at;
      if (next < end) {
        h.setCharAt(at++, h.charAt(next++));
        if (at + 1 < next) {
          h.setCharAt(at++, ' ');
        }
        while (next < end && isSpace(h.charAt(next))) {
          next++;
        }
      }
    }
    h.delete(at, next);
    return new int[] {from, at - next};
  }

  /** True when {@code h[from, to)} is exactly {@code text}. */
  /**
   * Removes the blanks before and after a cookie's {@code =} (name ends at {@code attEnd}, the
   * {@code =} is at {@code equal}, the value starts at {@code valBeg}), as haproxy rewrites a cookie
   * it edits. Afterwards the {@code =} is at {@code attEnd} and the value starts right after it.
   * Returns how far the text that followed moved (zero or negative).
   */
  static int tightenEquals(StringBuilder h, int attEnd, int equal, int valBeg) {
    int shift = 0;
    if (attEnd != equal) {
      h.delete(attEnd, equal);
      shift = attEnd - equal;
      valBeg += shift;
    }
    if (valBeg > attEnd + 1) {
      h.delete(attEnd + 1, valBeg);
      shift += attEnd + 1 - valBeg;
    }
    return shift;
  }

  static boolean regionIs(CharSequence h, int from, int to, String text) {
    if (to - from != text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (h.charAt(from + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(CharSequence h, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (h.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** The 30-bit value HAProxy writes as five base64 digits (cookie dates), or -1 when invalid. */
  static int decode30(CharSequence s, int from) {
    int out = 0;
    for (int i = 0; i < 5; i++) {
      int d = B64.indexOf(s.charAt(from + i));
      if (d < 0) {
        return -1;
      }
      out = (out << 6) + d;
    }
    return out;
  }

  /** Appends a 30-bit value as five base64 digits, most significant first. */
  static void encode30(StringBuilder out, long value) {
    for (int shift = 24; shift >= 0; shift -= 6) {
      out.append(B64.charAt((int) (value >> shift) & 0x3F));
    }
  }
}
