package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Finds the end of an HTTP/1.x head across reads and parses it strictly into an {@link HttpHead}.
 * Body bytes that follow the head are left in the caller's buffer (never copied); only a head
 * split across reads is accumulated, up to {@code maxSize} (HAProxy: tune.bufsize minus
 * tune.maxrewrite). Confined to one event loop.
 */
final class HeadDecoder {
  /** What {@link #decode} concluded. */
  enum Result {
    NEED_MORE,
    DONE,
    /** Malformed: answer 400 (request) or 502 (response). */
    INVALID,
    TOO_LARGE
  }

  private final boolean request;
  private final int maxSize;
  private final int maxHeaders;
  private ByteBuf cumulation;
  private int lineBytes;
  private boolean lineStartsWithCr;
  private boolean sawContent;
  private int total;
  /** The last head refused as malformed and where its faulty line starts, kept for show errors. */
  private byte @Nullable [] invalid;
  private int lineAt;

  HeadDecoder(boolean request, int maxSize, int maxHeaders) {
    this.request = request;
    this.maxSize = maxSize;
    this.maxHeaders = maxHeaders;
  }

  /** True when part of a head has been received. */
  boolean inProgress() {
    return total > 0;
  }

  /**
   * Consumes head bytes from {@code in}; on DONE, {@code head} holds the parsed head and
   * {@code in}'s reader index sits on the first byte after it.
   */
  Result decode(ByteBuf in, HttpHead head, ByteBufAllocator alloc) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    int pos = start;
    int headEnd = -1;
    while (pos < end) {
      int lf = in.indexOf(pos, end, (byte) '\n');
      if (lf < 0) {
        if (lineBytes == 0 && in.getByte(pos) == '\r') {
          lineStartsWithCr = true;
        }
        lineBytes += end - pos;
        pos = end;
        break;
      }
      if (lineBytes == 0 && lf > pos && in.getByte(pos) == '\r') {
        lineStartsWithCr = true;
      }
      lineBytes += lf - pos;
      boolean empty = lineBytes == 0 || (lineBytes == 1 && lineStartsWithCr);
      lineBytes = 0;
      lineStartsWithCr = false;
      pos = lf + 1;
      if (empty && sawContent) {
        headEnd = pos;
        break;
      }
      if (!empty) {
        sawContent = true;
      }
    }
    int consumed = (headEnd < 0 ? end : headEnd) - start;
    total += consumed;
    if (total > maxSize) {
      return Result.TOO_LARGE;
    }
    if (headEnd < 0) {
      if (cumulation == null) {
        cumulation = alloc.heapBuffer(Math.max(256, consumed * 2));
      }
      cumulation.writeBytes(in, start, consumed);
      in.readerIndex(end);
      return Result.NEED_MORE;
    }
    byte[] bytes;
    if (cumulation == null) {
      bytes = new byte[consumed];
      in.getBytes(start, bytes);
    } else {
      cumulation.writeBytes(in, start, consumed);
      bytes = new byte[cumulation.readableBytes()];
      cumulation.readBytes(bytes);
    }
    in.readerIndex(headEnd);
    reset();
    head.clear();
    if (parse(bytes, head)) {
      return Result.DONE;
    }
    invalid = bytes;
    return Result.INVALID;
  }

  /** The head just refused as INVALID (once; null after), for show errors. */
  byte @Nullable [] takeInvalid() {
    byte[] b = invalid;
    invalid = null;
    return b;
  }

  /** Where the line the parser refused starts in {@link #takeInvalid()}'s bytes. */
  int invalidLineAt() {
    return lineAt;
  }

  /** Forgets a partial head and frees the accumulation buffer. */
  void reset() {
    if (cumulation != null) {
      cumulation.release();
      cumulation = null;
    }
    lineBytes = 0;
    lineStartsWithCr = false;
    sawContent = false;
    total = 0;
  }

  private boolean parse(byte[] b, HttpHead head) {
    int n = b.length;
    int pos = 0;
    while (pos < n && (b[pos] == '\r' || b[pos] == '\n')) {
      pos++;
    }
    lineAt = pos;
    int lineEnd = lineEnd(b, pos);
    if (lineEnd < 0) {
      return false;
    }
    if (!(request ? requestLine(b, pos, lineEnd, head) : statusLine(b, pos, lineEnd, head))) {
      return false;
    }
    pos = next(b, lineEnd);
    int headers = 0;
    while (pos < n) {
      lineAt = pos;
      int le = lineEnd(b, pos);
      if (le < 0) {
        return false;
      }
      if (le == pos) {
        return true;
      }
      if (b[pos] == ' ' || b[pos] == '\t') {
        if (headers == 0 || !foldLine(b, pos, le, head)) {
          return false;
        }
      } else {
        if (++headers > maxHeaders || !headerLine(b, pos, le, head)) {
          return false;
        }
      }
      pos = next(b, le);
    }
    return false;
  }

  /** The index of the CR or LF ending the line at {@code pos}; -1 when a bare CR is inside it. */
  private static int lineEnd(byte[] b, int pos) {
    for (int i = pos; i < b.length; i++) {
      if (b[i] == '\n') {
        return i;
      }
      if (b[i] == '\r') {
        return i + 1 < b.length && b[i + 1] == '\n' ? i : -1;
      }
    }
    return -1;
  }

  private static int next(byte[] b, int lineEnd) {
    return b[lineEnd] == '\r' ? lineEnd + 2 : lineEnd + 1;
  }

  private static boolean requestLine(byte[] b, int pos, int end, HttpHead head) {
    int sp1 = pos;
    while (sp1 < end && isToken(b[sp1])) {
      sp1++;
    }
    if (sp1 == pos || sp1 >= end || b[sp1] != ' ') {
      return false;
    }
    int uriStart = sp1 + 1;
    int sp2 = uriStart;
    while (sp2 < end && b[sp2] != ' ') {
      int c = b[sp2] & 0xff;
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
      sp2++;
    }
    if (sp2 == uriStart || sp2 >= end) {
      return false;
    }
    int version = version(b, sp2 + 1, end);
    if (version < 0) {
      return false;
    }
    head.setRequestLine(new String(b, pos, sp1 - pos, StandardCharsets.ISO_8859_1),
        new String(b, uriStart, sp2 - uriStart, StandardCharsets.ISO_8859_1), version);
    return true;
  }

  /** {@code HTTP/x.y}: 10, or 11 for 1.1 and above; -1 when malformed. */
  private static int version(byte[] b, int pos, int end) {
    if (end - pos != 8 || b[pos] != 'H' || b[pos + 1] != 'T' || b[pos + 2] != 'T' || b[pos + 3] != 'P'
        || b[pos + 4] != '/' || !isDigit(b[pos + 5]) || b[pos + 6] != '.' || !isDigit(b[pos + 7])) {
      return -1;
    }
    int major = b[pos + 5] - '0';
    int minor = b[pos + 7] - '0';
    if (major == 0) {
      return -1;
    }
    return major == 1 && minor == 0 ? 10 : 11;
  }

  private static boolean statusLine(byte[] b, int pos, int end, HttpHead head) {
    if (end - pos < 12) {
      return false;
    }
    int version = version(b, pos, pos + 8);
    if (version < 0 || b[pos + 8] != ' ') {
      return false;
    }
    int s = pos + 9;
    if (!isDigit(b[s]) || !isDigit(b[s + 1]) || !isDigit(b[s + 2]) || (s + 3 < end && b[s + 3] != ' ')) {
      return false;
    }
    head.version = version;
    head.status = (b[s] - '0') * 100 + (b[s + 1] - '0') * 10 + (b[s + 2] - '0');
    if (head.status < 100) {
      return false;
    }
    head.reason = s + 4 < end ? new String(b, s + 4, end - s - 4, StandardCharsets.ISO_8859_1) : "";
    return true;
  }

  private static boolean headerLine(byte[] b, int pos, int end, HttpHead head) {
    int colon = pos;
    boolean upper = false;
    while (colon < end && b[colon] != ':') {
      if (!isToken(b[colon])) {
        return false;
      }
      upper |= b[colon] >= 'A' && b[colon] <= 'Z';
      colon++;
    }
    if (colon == pos || colon == end) {
      return false;
    }
    String name;
    if (upper) {
      char[] c = new char[colon - pos];
      for (int i = 0; i < c.length; i++) {
        byte x = b[pos + i];
        c[i] = (char) (x >= 'A' && x <= 'Z' ? x + 32 : x);
      }
      name = new String(c);
    } else {
      name = new String(b, pos, colon - pos, StandardCharsets.ISO_8859_1);
    }
    String value = value(b, colon + 1, end);
    if (value == null) {
      return false;
    }
    head.add(name, value);
    return true;
  }

  /** A continuation line: CR, LF and the line's own whitespace become spaces, as HAProxy does. */
  private static boolean foldLine(byte[] b, int pos, int end, HttpHead head) {
    String more = value(b, pos, end);
    if (more == null) {
      return false;
    }
    int crlf = b[pos - 2] == '\r' ? 2 : 1;
    int leading = 0;
    while (pos + leading < end && (b[pos + leading] == ' ' || b[pos + leading] == '\t')) {
      leading++;
    }
    head.appendToLast(" ".repeat(crlf + leading) + more);
    return true;
  }

  /** The value trimmed of optional whitespace, or null when it holds a forbidden control byte. */
  private static String value(byte[] b, int pos, int end) {
    while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
      pos++;
    }
    while (end > pos && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
      end--;
    }
    for (int i = pos; i < end; i++) {
      int c = b[i] & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return null;
      }
    }
    return new String(b, pos, end - pos, StandardCharsets.ISO_8859_1);
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** RFC 9110 tchar. */
  static boolean isToken(byte c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return switch (c) {
      case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
      default -> false;
    };
  }
}
