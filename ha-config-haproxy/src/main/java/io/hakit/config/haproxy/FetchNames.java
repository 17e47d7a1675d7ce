package io.hakit.config.haproxy;

import java.util.HashSet;
import java.util.Set;

/**
 * The sample fetch and ACL keyword names HAProxy 2.6 registers (from {@code haproxy -dKsmp} and
 * {@code -dKacl}, kept as resources), so that an ACL on an unknown fetch is refused as HAProxy
 * refuses it.
 */
final class FetchNames {
  private static final Set<String> FETCHES = load("sample-fetches.txt");
  private static final Set<String> ACL_KEYWORDS = load("acl-keywords.txt");

  private FetchNames() {}

  /** True when the criterion's base name (before any {@code (} or {@code ,}) is known. */
  static boolean known(String criterion) {
    String base = baseName(criterion);
    return ACL_KEYWORDS.contains(base) || FETCHES.contains(base);
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

  static Set<String> all() {
    Set<String> all = new HashSet<>(FETCHES);
    all.addAll(ACL_KEYWORDS);
    return all;
  }

  private static Set<String> load(String resource) {
    return KeywordList.load(resource);
  }
}
