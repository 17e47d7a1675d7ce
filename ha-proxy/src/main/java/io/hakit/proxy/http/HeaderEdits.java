package io.hakit.proxy.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The header edits of http-request/http-response rules that go beyond set/add: {@code
 * replace-header}/{@code replace-value} and {@code del-header -m}, as haproxy 2.6 applies them
 * (checked against the binary): a regex that matches anywhere in a value replaces the whole value
 * with the replacement, whose {@code \N} are the groups (empty when absent); replace-value works
 * on each comma-separated value, its leading blanks dropped, and joins them with bare commas.
 */
final class HeaderEdits {
  private HeaderEdits() {}

  /** How {@code del-header -m} compares a header's (lower-case) name. */
  enum NameMatch {
    STR, BEG, END, SUB, REG;

    static NameMatch of(String method) {
      return valueOf(method.toUpperCase(Locale.ROOT));
    }
  }

  static void replace(HttpHead head, String lowerName, Pattern regex, String replacement, boolean eachValue) {
    for (int i = 0, n = head.headerCount(); i < n; i++) {
      if (!head.headerName(i).equals(lowerName)) {
        continue;
      }
      String value = head.headerValue(i);
      head.setValue(i, eachValue ? replaceEach(value, regex, replacement) : replaceWhole(value, regex, replacement));
    }
  }

  private static String replaceEach(String value, Pattern regex, String replacement) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    int start = 0;
    while (true) {
      int comma = value.indexOf(',', start);
      String part = value.substring(start, comma < 0 ? value.length() : comma);
      int lead = 0;
      while (lead < part.length() && (part.charAt(lead) == ' ' || part.charAt(lead) == '\t')) {
        lead++;
      }
      if (start > 0) {
        out.append(',');
      }
      out.append(replaceWhole(part.substring(lead), regex, replacement));
      if (comma < 0) {
        return out.toString();
      }
      start = comma + 1;
    }
  }

  private static String replaceWhole(String value, Pattern regex, String replacement) {
    Matcher m = regex.matcher(value);
    if (!m.find()) {
      return value;
    }
    StringBuilder out = new StringBuilder(replacement.length() + 16);
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
        int group = replacement.charAt(++i) - '0';
        if (group <= m.groupCount() && m.group(group) != null) {
          out.append(m.group(group));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Removes every header whose lower-case name matches {@code pattern} (lower case unless REG) by {@code how}. */
  static void delete(HttpHead head, NameMatch how, String pattern, @Nullable Pattern regex) {
    for (int i = head.headerCount() - 1; i >= 0; i--) {
      String name = head.headerName(i);
      boolean hit = switch (how) {
        case STR -> name.equals(pattern);
        case BEG -> name.startsWith(pattern);
        case END -> name.endsWith(pattern);
        case SUB -> name.contains(pattern);
        case REG -> regex.matcher(name).find();
      };
      if (hit) {
        head.removeAt(i);
      }
    }
  }
}
