package io.hakit.proxy.stats;

/**
 * Where in a refused request head the first offending byte is, for {@code show errors}: the parser
 * reports the line it refused; this finds the byte within it by the HTTP/1.1 grammar (method
 * token, one space, a target of visible characters, one space, {@code HTTP/d.d}; a header name
 * token, a colon, a value without control characters). Pure, any thread.
 */
final class ErrorPosition {
  private ErrorPosition() {}

  static int locate(byte[] b, int lineAt) {
    return locate(b, lineAt, true);
  }

  /** @param request a request head (else a response head, whose first line is a status line) */
  static int locate(byte[] b, int lineAt, boolean request) {
    if (lineAt < 0 || lineAt >= b.length) {
      return Math.max(0, Math.min(lineAt, b.length));
    }
    boolean requestLine = true;
    for (int i = 0; i < lineAt; i++) {
      if (b[i] != '\r' && b[i] != '\n') {
        requestLine = false;
        break;
      }
    }
    if (!requestLine) {
      return inHeaderLine(b, lineAt);
    }
    return request ? inRequestLine(b, lineAt) : inStatusLine(b, lineAt);
  }

  /** {@code HTTP/d.d SP ddd [SP reason]}. */
  private static int inStatusLine(byte[] b, int pos) {
    int v = version(b, pos);
    if (v >= 0) {
      return v;
    }
    int i = pos + 8;
    if (i >= b.length || b[i] != ' ') {
      return i;
    }
    for (int k = 1; k <= 3; k++) {
      if (i + k >= b.length || !isDigit(b[i + k])) {
        return i + k;
      }
    }
    i += 4;
    return i < b.length && (b[i] == ' ' || b[i] == '\r' || b[i] == '\n') ? lineEndAfter(b, i) : i;
  }

  /** -1 when {@code HTTP/d.d} stands at {@code pos}, else where it goes wrong (its start). */
  private static int version(byte[] b, int pos) {
    byte[] http = {'H', 'T', 'T', 'P', '/'};
    for (int k = 0; k < http.length; k++) {
      if (pos + k >= b.length || b[pos + k] != http[k]) {
        return pos;
      }
    }
    int i = pos + 5;
    return i + 2 < b.length && isDigit(b[i]) && b[i + 1] == '.' && isDigit(b[i + 2]) ? -1 : pos;
  }

  /** Past a line the grammar accepts (the refusal came from elsewhere): its end. */
  private static int lineEndAfter(byte[] b, int i) {
    while (i < b.length && b[i] != '\r' && b[i] != '\n') {
      i++;
    }
    return i;
  }

  private static int inRequestLine(byte[] b, int pos) {
    int i = pos;
    while (i < b.length && isToken(b[i])) {
      i++;
    }
    if (i == pos || i >= b.length || b[i] != ' ') {
      return i;
    }
    int target = ++i;
    while (i < b.length && b[i] != ' ') {
      int c = b[i] & 0xff;
      if (c <= 0x20 || c >= 0x7f) {
        return i;
      }
      i++;
    }
    if (i == target || i >= b.length) {
      return i;
    }
    int version = ++i;
    byte[] http = {'H', 'T', 'T', 'P', '/'};
    for (int k = 0; k < http.length; k++) {
      if (version + k >= b.length || b[version + k] != http[k]) {
        return version;
      }
    }
    i = version + 5;
    if (i + 2 >= b.length || !isDigit(b[i]) || b[i + 1] != '.' || !isDigit(b[i + 2])) {
      return version;
    }
    i += 3;
    // A well-formed line: the refusal came from elsewhere (a bare CR, a limit); point past it.
    return i;
  }

  private static int inHeaderLine(byte[] b, int pos) {
    int i = pos;
    while (i < b.length && isToken(b[i])) {
      i++;
    }
    if (i == pos || i >= b.length || b[i] != ':') {
      return i;
    }
    for (i++; i < b.length && b[i] != '\r' && b[i] != '\n'; i++) {
      int c = b[i] & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return i;
      }
    }
    return i;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** RFC 9110 tchar. */
  private static boolean isToken(byte v) {
    int c = v & 0xff;
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
