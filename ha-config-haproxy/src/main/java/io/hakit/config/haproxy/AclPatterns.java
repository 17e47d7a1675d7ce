package io.hakit.config.haproxy;

import io.hakit.core.net.IpLiterals;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pattern checks HAProxy makes while parsing an ACL: integer patterns are numbers, ranges or
 * operators (no size suffixes), and IP patterns that look like addresses must be valid ones. Host
 * names in IP patterns are accepted unresolved (see {@link Deviations#NO_RESOLUTION}).
 */
final class AclPatterns {
  private static final Set<String> OPERATORS = Set.of("eq", "ge", "gt", "le", "lt");

  private AclPatterns() {}

  /** HAProxy's complaint about the first bad pattern, or null. */
  static @Nullable String firstInvalid(@Nullable String kind, List<String> patterns) {
    if (kind == null) {
      return null;
    }
    for (String p : patterns) {
      if (kind.equals("int") && !OPERATORS.contains(p) && !isIntRange(p)) {
        return "'" + p + "' is neither a number nor a supported operator.";
      }
      if (kind.equals("ip") && !isIpPattern(p)) {
        return "'" + p + "' is not a valid IPv4 or IPv6 address.";
      }
      if (kind.equals("reg") && !isRegex(p)) {
        return "regex '" + p + "' is invalid.";
      }
    }
    return null;
  }

  /**
   * Whether a regex compiles. Java's syntax is close to PCRE's; constructs only PCRE knows are
   * given the benefit of the doubt rather than refused.
   */
  private static boolean isRegex(String p) {
    if (p.contains("(?P") || p.contains("\\K") || p.contains("(?|") || p.contains("(*")) {
      return true;
    }
    try {
      java.util.regex.Pattern.compile(p);
      return true;
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  private static boolean isIntRange(String p) {
    int colon = p.indexOf(':');
    if (colon < 0) {
      return isInt(p);
    }
    String lo = p.substring(0, colon);
    String hi = p.substring(colon + 1);
    return (lo.isEmpty() || isInt(lo)) && (hi.isEmpty() || isInt(hi)) && !(lo.isEmpty() && hi.isEmpty());
  }

  private static boolean isInt(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIntIn(String s, int min, int max) {
    if (!isInt(s) || s.length() > 4) {
      return false;
    }
    int v = Integer.parseInt(s);
    return v >= min && v <= max;
  }

  private static boolean isIpPattern(String p) {
    int slash = p.indexOf('/');
    String addr = slash < 0 ? p : p.substring(0, slash);
    String mask = slash < 0 ? null : p.substring(slash + 1);
    if (addr.indexOf(':') >= 0) {
      return IpLiterals.parseIpv6(addr) != null && (mask == null || isIntIn(mask, 0, 128));
    }
    boolean numeric = !addr.isEmpty() && addr.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    if (!numeric) {
      return true;
    }
    if (IpLiterals.parseIpv4(addr) == null) {
      return false;
    }
    return mask == null || isIntIn(mask, 0, 32) || IpLiterals.parseIpv4(mask) != null;
  }
}
