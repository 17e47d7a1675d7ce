package io.hakit.core.net;

import org.jspecify.annotations.Nullable;

/**
 * Parses IPv4 and IPv6 address literals without ever touching DNS ({@code InetAddress.getByName}
 * would resolve anything that is not a literal).
 */
public final class IpLiterals {
  private IpLiterals() {}

  /** Four bytes for a dotted quad such as {@code 127.0.0.1}, else null. */
  public static byte @Nullable [] parseIpv4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.' && value >= 0 && part < 4) {
        out[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  /** Sixteen bytes for an IPv6 literal (with {@code ::} and an embedded IPv4 tail), else null. */
  public static byte @Nullable [] parseIpv6(String text) {
    int zone = text.indexOf('%');
    String s = zone >= 0 ? text.substring(0, zone) : text;
    if (s.isEmpty() || s.indexOf(':') < 0) {
      return null;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    byte[] out = new byte[16];
    if (gap < 0) {
      return fillGroups(s, out, 16, true) == 16 ? out : null;
    }
    String head = s.substring(0, gap);
    String tail = s.substring(gap + 2);
    byte[] tailBytes = new byte[16];
    // An embedded IPv4 address may only end the whole literal, so never before the '::'.
    int headLen = head.isEmpty() ? 0 : fillGroups(head, out, 14, false);
    int tailLen = tail.isEmpty() ? 0 : fillGroups(tail, tailBytes, 14, true);
    if (headLen < 0 || tailLen < 0 || headLen + tailLen > 14) {
      return null;
    }
    System.arraycopy(tailBytes, 0, out, 16 - tailLen, tailLen);
    return out;
  }

  /**
   * Writes colon-separated groups into out from index 0; returns bytes written, or -1 when the text
   * is not groups or runs past max. With ipv4Tail the last group may be a dotted quad.
   */
  private static int fillGroups(String s, byte[] out, int max, boolean ipv4Tail) {
    String[] groups = s.split(":", -1);
    int pos = 0;
    for (int g = 0; g < groups.length; g++) {
      String group = groups[g];
      if (ipv4Tail && g == groups.length - 1 && group.indexOf('.') >= 0) {
        byte[] v4 = parseIpv4(group);
        if (v4 == null || pos + 4 > max) {
          return -1;
        }
        System.arraycopy(v4, 0, out, pos, 4);
        pos += 4;
        continue;
      }
      if (group.isEmpty() || group.length() > 4 || pos + 2 > max) {
        return -1;
      }
      int value = 0;
      for (int i = 0; i < group.length(); i++) {
        int digit = hexDigit(group.charAt(i));
        if (digit < 0) {
          return -1;
        }
        value = value * 16 + digit;
      }
      out[pos++] = (byte) (value >>> 8);
      out[pos++] = (byte) value;
    }
    return pos;
  }

  /**
   * True when a dotted quad has an octet with a leading zero that octal reads differently
   * ({@code 010}, {@code 08}, {@code 0255}). libc's inet_aton, which HAProxy falls back to when
   * inet_pton refuses leading zeros, reads them as octal ({@code 010.0.0.1} is 8.0.0.1 there);
   * {@link #parseIpv4} reads decimal. {@code 000} and {@code 007} mean the same either way.
   */
  static boolean isAmbiguousIpv4(String text) {
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '.') {
        int firstSignificant = start;
        while (firstSignificant < i - 1 && text.charAt(firstSignificant) == '0') {
          firstSignificant++;
        }
        boolean leadingZero = firstSignificant > start;
        boolean octalSame = i - firstSignificant == 1 && text.charAt(firstSignificant) < '8';
        if (leadingZero && !octalSame) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** ASCII hex only: Character.digit would also take other scripts' digits and full-width letters. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** True when text is an IPv4 or IPv6 literal. */
  public static boolean isLiteral(String text) {
    return parseIpv4(text) != null || parseIpv6(text) != null;
  }
}
