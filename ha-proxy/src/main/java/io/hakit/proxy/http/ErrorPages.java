package io.hakit.proxy.http;

import io.hakit.core.HaException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The answers a proxy sends for its own errors and denies: haproxy's built-in pages, replaced per
 * status by {@code errorfile <code> <file>}. A backend's pages apply once a request was switched to
 * it, over its frontend's (haproxy's lookup order). A file is read once, when the proxy is built,
 * and re-emitted as haproxy 2.6 does (checked against the binary): its status line as written,
 * header names in lower case, its {@code connection} headers dropped (the proxy sets its own), the
 * body as it is; a page without {@code content-length} ends with the connection. Immutable.
 */
final class ErrorPages {
  static final ErrorPages BUILT_IN = new ErrorPages(Map.of(), Set.of(), null);

  private final Map<Integer, ByteBuf> custom;
  private final Set<Integer> closing;
  private final @Nullable ErrorPages fallback;

  private ErrorPages(Map<Integer, ByteBuf> custom, Set<Integer> closing, @Nullable ErrorPages fallback) {
    this.custom = custom;
    this.closing = closing;
    this.fallback = fallback;
  }

  /**
   * Reads a proxy's {@code errorfile}s (paths as written, relative ones from the working directory,
   * as haproxy resolves them) over {@code fallback}.
   *
   * @param where the proxy, for the error
   * @throws HaException when a file cannot be read or is not an HTTP response
   */
  static ErrorPages of(Map<Integer, String> files, ErrorPages fallback, String where) {
    if (files.isEmpty()) {
      return fallback;
    }
    Map<Integer, ByteBuf> pages = new HashMap<>();
    Set<Integer> closing = new HashSet<>();
    for (Map.Entry<Integer, String> e : files.entrySet()) {
      String text;
      try {
        text = new String(Files.readAllBytes(Path.of(e.getValue())), StandardCharsets.ISO_8859_1);
      } catch (IOException ex) {
        throw new HaException(where + ": errorfile " + e.getKey() + " '" + e.getValue() + "': " + ex.getMessage(), ex);
      }
      String page = normalise(text);
      if (page == null) {
        throw new HaException(where + ": errorfile " + e.getKey() + " '" + e.getValue()
            + "': not an HTTP response (expected a status line, headers, an empty line and the body)");
      }
      pages.put(e.getKey(), HttpErrors.constant(page));
      if (!hasHeader(page, "content-length")) {
        closing.add(e.getKey());
      }
    }
    return new ErrorPages(Map.copyOf(pages), Set.copyOf(closing), fallback);
  }

  /** The page for an error the engine raises itself (400 and 408 from the parser, 502, 503, 504, ...). */
  ByteBuf engine(int status) {
    ByteBuf own = custom.get(status);
    if (own != null) {
      return own;
    }
    return fallback != null ? fallback.engine(status) : HttpErrors.forStatus(status);
  }

  /** The page for a rule's deny with this status. */
  ByteBuf rule(int status) {
    ByteBuf own = custom.get(status);
    if (own != null) {
      return own;
    }
    return fallback != null ? fallback.rule(status) : HttpErrors.forRule(status);
  }

  /** True when the page for this status has no length: the connection must close after it. */
  boolean closes(int status) {
    if (custom.containsKey(status)) {
      return closing.contains(status);
    }
    return fallback != null && fallback.closes(status);
  }

  /** The file re-emitted as haproxy does, or null when it is not a response. */
  private static @Nullable String normalise(String text) {
    int headEnd = text.indexOf("\r\n\r\n");
    int sep = 4;
    if (headEnd < 0) {
      headEnd = text.indexOf("\n\n");
      sep = 2;
    }
    if (headEnd < 0 || !text.startsWith("HTTP/1.")) {
      return null;
    }
    String[] lines = text.substring(0, headEnd).split("\r?\n");
    StringBuilder out = new StringBuilder(text.length());
    out.append(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (!name.equals("connection")) {
        out.append(name).append(": ").append(lines[i].substring(colon + 1).trim()).append("\r\n");
      }
    }
    return out.append("\r\n").append(text, headEnd + sep, text.length()).toString();
  }

  private static boolean hasHeader(String page, String lowerName) {
    int end = page.indexOf("\r\n\r\n");
    return page.substring(0, end).contains("\r\n" + lowerName + ":");
  }
}
