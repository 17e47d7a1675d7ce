package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;

/**
 * {@code balance uri [len N] [depth N] [whole] [path-only]}: the request target up to the
 * {@code ?} (all of it with {@code whole}), cut after {@code len} characters or before the slash
 * that starts directory level {@code depth + 1}; {@code path-only} drops the scheme and authority
 * of an absolute URI.
 *
 * @param len characters to hash at most, 0 = no limit
 * @param depth directory levels to hash at most, 0 = no limit
 */
record UriKey(int len, int depth, boolean whole, boolean pathOnly) implements HashKey {

  @Override
  public long hash(BalanceRequest request, Method method) {
    String uri = request.uri();
    if (uri == null) {
      return ABSENT;
    }
    int start = pathOnly ? pathStart(uri) : 0;
    int limit = uri.length();
    if (len > 0 && len < limit - start) {
      limit = start + len;
    }
    int end = start;
    int slashes = 0;
    while (end < limit) {
      char c = uri.charAt(end);
      if (c == '/') {
        if (++slashes == depth + 1 && depth > 0) {
          break;
        }
      } else if (c == '?' && !whole) {
        break;
      }
      end++;
    }
    return method.finish(method.function().hash(uri, start, end));
  }

  /** Where the path starts: 0 for origin form, after {@code scheme://authority} for absolute form (end when no path). */
  static int pathStart(String uri) {
    if (uri.isEmpty() || uri.charAt(0) == '/') {
      return 0;
    }
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      return uri.length();
    }
    int slash = uri.indexOf('/', scheme + 3);
    return slash < 0 ? uri.length() : slash;
  }
}
