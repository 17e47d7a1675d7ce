package io.hakit.config.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** An {@code errorfile} must exist and hold a raw HTTP response, as HAProxy checks while parsing. */
final class ErrorFiles {
  private ErrorFiles() {}

  /** HAProxy's complaint about the file, or null when it is a usable response. */
  static @Nullable String check(Path file) {
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return "error opening file.";
    }
    String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    return start.startsWith("HTTP/1.") ? null : "unable to parse headers (error offset: 0)";
  }
}
