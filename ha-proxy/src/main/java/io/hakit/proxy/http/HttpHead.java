package io.hakit.proxy.http;

import io.hakit.proxy.acl.RequestSample;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed request or response head: the start line and the headers in order, names lower case
 * (as HAProxy forwards them). Mutable so that http-request rules and the connection logic can
 * edit it in place before it is encoded again. Owned by one session, on its event loop.
 */
final class HttpHead implements RequestSample {
  /** Request: method; response: empty. */
  String method = "";
  /** Request: target as received. */
  String uri = "";
  /** 10 or 11 (a higher version is forwarded as HTTP/1.1). */
  int version;
  /** Response: status code. */
  int status;
  /** Response: reason phrase. */
  String reason = "";
  private final List<String> names = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private byte[] source = new byte[4];
  private String path = "";

  void setSource(byte[] source) {
    this.source = source;
  }

  /** Sets method and target, and derives the path (absolute-form and query aware). */
  void setRequestLine(String method, String uri, int version) {
    this.method = method;
    this.uri = uri;
    this.version = version;
    this.path = pathOf(uri);
  }

  static String pathOf(String uri) {
    int start = 0;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && uri.charAt(0) != '/') {
      int slash = uri.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "/";
      }
      start = slash;
    }
    int q = uri.indexOf('?', start);
    return q < 0 ? (start == 0 ? uri : uri.substring(start)) : uri.substring(start, q);
  }

  /** The authority of an absolute-form target, or null for origin-form. */
  String authority() {
    int scheme = uri.indexOf("://");
    if (scheme <= 0 || uri.charAt(0) == '/') {
      return null;
    }
    int slash = uri.indexOf('/', scheme + 3);
    return slash < 0 ? uri.substring(scheme + 3) : uri.substring(scheme + 3, slash);
  }

  void add(String lowerName, String value) {
    names.add(lowerName);
    values.add(value);
  }

  /** Appends to the last header's value (obsolete line folding). */
  void appendToLast(String more) {
    int i = values.size() - 1;
    values.set(i, values.get(i) + more);
  }

  /** The first value of a header, or null. */
  String get(String lowerName) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(lowerName)) {
        return values.get(i);
      }
    }
    return null;
  }

  int count(String lowerName) {
    int n = 0;
    for (String name : names) {
      if (name.equals(lowerName)) {
        n++;
      }
    }
    return n;
  }

  /** True when a comma-separated token list header holds this token (case-insensitive). */
  boolean hasToken(String lowerName, String token) {
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals(lowerName)) {
        continue;
      }
      for (String part : values.get(i).split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  void remove(String lowerName) {
    for (int i = names.size() - 1; i >= 0; i--) {
      if (names.get(i).equals(lowerName)) {
        names.remove(i);
        values.remove(i);
      }
    }
  }

  /** Replaces the value of header {@code i}. */
  void setValue(int i, String value) {
    values.set(i, value);
  }

  /** Removes header {@code i}; the ones after it move down by one. */
  void removeAt(int i) {
    names.remove(i);
    values.remove(i);
  }

  /**
   * Replaces the path of the request target ({@code set-path}): the query string stays, and so do
   * the scheme and authority of an absolute-form target.
   */
  void setPath(String newPath) {
    int start = 0;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && uri.charAt(0) != '/') {
      int slash = uri.indexOf('/', scheme + 3);
      int q = uri.indexOf('?', scheme + 3);
      start = slash < 0 || (q >= 0 && q < slash) ? (q < 0 ? uri.length() : q) : slash;
    }
    int q = uri.indexOf('?', start);
    String query = q < 0 ? "" : uri.substring(q);
    setRequestLine(method, uri.substring(0, start) + newPath + query, version);
  }

  void set(String lowerName, String value) {
    remove(lowerName);
    add(lowerName, value);
  }

  void clear() {
    names.clear();
    values.clear();
    method = "";
    uri = "";
    path = "";
    reason = "";
    version = 0;
    status = 0;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public int headerCount() {
    return names.size();
  }

  @Override
  public String headerName(int i) {
    return names.get(i);
  }

  @Override
  public String headerValue(int i) {
    return values.get(i);
  }

  @Override
  public byte[] sourceAddress() {
    return source;
  }
}
