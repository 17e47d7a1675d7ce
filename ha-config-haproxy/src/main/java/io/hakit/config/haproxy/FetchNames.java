package io.hakit.config.haproxy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The sample fetches and ACL keywords HAProxy 2.6 registers (from {@code haproxy -dKsmp} and
 * {@code -dKacl}, kept as resources): names, output types and implied match methods, so that an
 * ACL on an unknown fetch, or with patterns its type cannot hold, is refused as HAProxy refuses it.
 */
final class FetchNames {
  /** Fetch name to output type ({@code sint}, {@code str}, {@code ipv4}, {@code bool}, ...). */
  private static final Map<String, String> FETCH_TYPES = pairs("sample-fetches.txt", 1);
  /** ACL keyword to its implied match method ({@code beg}, {@code len}, ...). */
  private static final Map<String, String> ACL_METHODS = pairs("acl-keywords.txt", 2);

  private FetchNames() {}

  /** True when the criterion's base name (before any {@code (} or {@code ,}) is known. */
  static boolean known(String criterion) {
    String base = baseName(criterion);
    return ACL_METHODS.containsKey(base) || FETCH_TYPES.containsKey(base);
  }

  static String baseName(String criterion) {
    int end = criterion.length();
    int paren = criterion.indexOf('(');
    int comma = criterion.indexOf(',');
    if (paren >= 0) {
      end = paren;
    }
    if (comma >= 0 && comma < end) {
      end = comma;
    }
    return criterion.substring(0, end);
  }

  /**
   * How patterns of this criterion are matched: {@code int}, {@code ip}, {@code bool} or {@code str};
   * null when converters make the type unknown statically.
   */
  static @Nullable String patternKind(String criterion, @Nullable String forcedMethod) {
    if (forcedMethod != null) {
      return switch (forcedMethod) {
        case "int", "len" -> "int";
        case "ip" -> "ip";
        case "bool", "found" -> "bool";
        case "reg" -> "reg";
        default -> "str";
      };
    }
    String base = baseName(criterion);
    String aclMethod = ACL_METHODS.get(base);
    if (aclMethod != null) {
      return aclMethod.equals("len") ? "int" : aclMethod.equals("reg") ? "reg" : "str";
    }
    if (hasConverters(criterion)) {
      return null;
    }
    String type = FETCH_TYPES.get(base);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "sint" -> "int";
      case "ipv4", "ipv6" -> "ip";
      case "bool" -> "bool";
      default -> "str";
    };
  }

  /** A {@code ,} outside parentheses starts a converter chain, whose output type is not tracked. */
  private static boolean hasConverters(String criterion) {
    int depth = 0;
    for (int i = 0; i < criterion.length(); i++) {
      char c = criterion.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth <= 0) {
        return true;
      }
    }
    return false;
  }

  static Set<String> all() {
    Set<String> all = new HashSet<>(FETCH_TYPES.keySet());
    all.addAll(ACL_METHODS.keySet());
    return all;
  }

  /** Reads "key value..." lines; the value is the word at {@code valueIndex} (empty when absent). */
  private static Map<String, String> pairs(String resource, int valueIndex) {
    Map<String, String> map = new HashMap<>();
    for (String line : KeywordList.load(resource)) {
      String[] parts = line.split(" ");
      map.put(parts[0], parts.length > valueIndex ? parts[valueIndex] : "");
    }
    return Map.copyOf(map);
  }
}
