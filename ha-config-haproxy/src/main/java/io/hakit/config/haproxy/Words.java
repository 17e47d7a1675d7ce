package io.hakit.config.haproxy;

import java.util.List;

/**
 * Quotes words so that {@link LineTokenizer} reads them back unchanged (HAPROXY-CFG-DIALECT.md
 * 2.9): bare when nothing in them is special, else double quotes with {@code \" \\ \$} and control
 * escapes.
 */
final class Words {
  private Words() {}

  static String quote(String word) {
    if (!word.isEmpty() && isBare(word)) {
      return word;
    }
    StringBuilder sb = new StringBuilder(word.length() + 2).append('"');
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      switch (c) {
        case '"', '\\', '$' -> sb.append('\\').append(c);
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean isBare(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c <= ' ' || c == '#' || c == '"' || c == '\'' || c == '\\' || c == '$' || c == 0x7f) {
        return false;
      }
    }
    // A first '[' would make the line a scope marker; only matters for the first word.
    return true;
  }

  /** The words quoted and joined with single spaces. */
  static String join(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(quote(w));
    }
    return sb.toString();
  }
}
