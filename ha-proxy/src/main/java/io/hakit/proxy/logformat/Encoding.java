package io.hakit.proxy.logformat;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Text transformations of the converters, written without regular expressions. */
final class Encoding {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Encoding() {}

  /** HAProxy's json converter in ascii mode: {@code " \ /} and control characters escaped, bytes above 126 as a six-character unicode escape. */
  static String json(String in) {
    byte[] bytes = in.getBytes(StandardCharsets.ISO_8859_1);
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte raw : bytes) {
      int c = raw & 0xff;
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '/' -> b.append("\\/");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 32 || c > 126) {
            b.append("\\").append("u00").append(HEX[c >> 4]).append(HEX[c & 15]);
          } else {
            b.append((char) c);
          }
        }
      }
    }
    return b.toString();
  }

  /** See {@link Converters}: word and field, by index from either end, spanning {@code count} items. */
  static @Nullable String words(String in, int index, String delimiters, int count, boolean skipEmpty) {
    int n = in.length();
    // Bounds of each item, found on the fly: [start, end).
    if (index > 0) {
      int item = 0;
      int i = 0;
      while (i <= n) {
        if (skipEmpty) {
          while (i < n && delimiters.indexOf(in.charAt(i)) >= 0) {
            i++;
          }
          if (i >= n) {
            return "";
          }
        }
        int start = i;
        while (i < n && delimiters.indexOf(in.charAt(i)) < 0) {
          i++;
        }
        if (++item == index) {
          return span(in, start, i, count, delimiters, skipEmpty);
        }
        i++;
      }
      return "";
    }
    int item = 0;
    int i = n;
    while (i >= 0) {
      if (skipEmpty) {
        while (i > 0 && delimiters.indexOf(in.charAt(i - 1)) >= 0) {
          i--;
        }
        if (i <= 0) {
          return "";
        }
      }
      int end = i;
      while (i > 0 && delimiters.indexOf(in.charAt(i - 1)) < 0) {
        i--;
      }
      if (--item == index) {
        return spanBack(in, i, end, count, delimiters, skipEmpty);
      }
      i--;
    }
    return "";
  }

  /** Extends [start, end) forward over {@code count - 1} more items (count 0: to the end). */
  private static String span(String in, int start, int end, int count, String delimiters, boolean skipEmpty) {
    int n = in.length();
    if (count == 0) {
      return in.substring(start);
    }
    for (int k = 1; k < count && end < n; k++) {
      int i = end + 1;
      if (skipEmpty) {
        while (i < n && delimiters.indexOf(in.charAt(i)) >= 0) {
          i++;
        }
        if (i >= n) {
          break;
        }
      }
      while (i < n && delimiters.indexOf(in.charAt(i)) < 0) {
        i++;
      }
      end = i;
    }
    return in.substring(start, end);
  }

  private static String spanBack(String in, int start, int end, int count, String delimiters, boolean skipEmpty) {
    if (count == 0) {
      return in.substring(0, end);
    }
    for (int k = 1; k < count && start > 0; k++) {
      int i = start - 1;
      if (skipEmpty) {
        while (i > 0 && delimiters.indexOf(in.charAt(i - 1)) >= 0) {
          i--;
        }
        if (i <= 0) {
          break;
        }
      }
      while (i > 0 && delimiters.indexOf(in.charAt(i - 1)) < 0) {
        i--;
      }
      start = i;
    }
    return in.substring(start, end);
  }

  /** HAProxy's regsub replacement ({@code \1} back-references) as a Java replacement ({@code $1}). */
  static String javaReplacement(String subst) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < subst.length(); i++) {
      char c = subst.charAt(i);
      if (c == '\\' && i + 1 < subst.length() && Character.isDigit(subst.charAt(i + 1))) {
        b.append('$').append(subst.charAt(++i));
      } else if (c == '\\' || c == '$') {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
