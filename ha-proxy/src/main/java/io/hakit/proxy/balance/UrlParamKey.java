package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;

/**
 * {@code balance url_param <name>}: the value of the first {@code name=value} parameter in the
 * query string (up to the next {@code &}); the name is case-sensitive. Absent when there is no
 * query string or no such parameter; an empty value is hashed like any other.
 */
record UrlParamKey(String name) implements HashKey {

  @Override
  public long hash(BalanceRequest request, Method method) {
    String uri = request.uri();
    if (uri == null) {
      return ABSENT;
    }
    int q = uri.indexOf('?');
    if (q < 0) {
      return ABSENT;
    }
    int n = name.length();
    int p = q + 1;
    while (p + n < uri.length()) {
      if (uri.charAt(p + n) == '=' && uri.startsWith(name, p)) {
        int start = p + n + 1;
        int end = uri.indexOf('&', start);
        return method.finish(method.function().hash(uri, start, end < 0 ? uri.length() : end));
      }
      int amp = uri.indexOf('&', p);
      if (amp < 0) {
        return ABSENT;
      }
      p = amp + 1;
    }
    return ABSENT;
  }
}
