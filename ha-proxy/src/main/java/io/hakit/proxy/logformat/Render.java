package io.hakit.proxy.logformat;

import org.jspecify.annotations.Nullable;

/** How values are written: quoting, escaping, HAProxy's {@code #XX} encoding of logged headers and URIs. */
final class Render {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Render() {}

  /**
   * A text value; null (and, for sample expressions, empty) is absent: {@code -} in a log line,
   * {@code ""} with +Q, nothing in a header value.
   */
  static void text(StringBuilder out, @Nullable CharSequence v, int flags, Usage use) {
    if (v == null) {
      absent(out, flags, use);
      return;
    }
    boolean quote = (flags & Flags.QUOTE) != 0;
    if (quote) {
      out.append('"');
    }
    if ((flags & Flags.ESCAPE) != 0) {
      escape(out, v);
    } else {
      out.append(v);
    }
    if (quote) {
      out.append('"');
    }
  }

  static void absent(StringBuilder out, int flags, Usage use) {
    if (use != Usage.LOG) {
      return;
    }
    out.append((flags & Flags.QUOTE) != 0 ? "\"\"" : "-");
  }

  /** Text with HAProxy's log encoding: control characters, bytes above 126 and {@code specials} as {@code #XX}. */
  static void encoded(StringBuilder out, @Nullable CharSequence v, String specials, int flags, Usage use) {
    if (v == null) {
      absent(out, flags, use);
      return;
    }
    boolean quote = (flags & Flags.QUOTE) != 0;
    if (quote) {
      out.append('"');
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 32 || c > 126 || specials.indexOf(c) >= 0) {
        out.append('#').append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
      } else if ((flags & Flags.ESCAPE) != 0 && (c == '"' || c == '\\' || c == ']')) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    if (quote) {
      out.append('"');
    }
  }

  private static void escape(StringBuilder out, CharSequence v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\' || c == ']') {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /** Upper-case hexadecimal of {@code v}, at least {@code digits} wide. */
  static void hex(StringBuilder out, long v, int digits) {
    String s = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
    for (int i = s.length(); i < digits; i++) {
      out.append('0');
    }
    out.append(s);
  }

  static void hexBytes(StringBuilder out, byte[] bytes) {
    for (byte b : bytes) {
      out.append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
    }
  }
}
