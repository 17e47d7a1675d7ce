package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.HaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorPagesTest {
  @TempDir
  Path dir;

  @Test
  void of_fileWithoutLength_reEmittedAsHaproxyDoesAndClosing() throws Exception {
    Path f = dir.resolve("503.http");
    Files.writeString(f, "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\nConnection: close\r\n"
        + "Content-Type: text/html\r\n\r\n<html>busy</html>\n");
    ErrorPages pages = ErrorPages.of(Map.of(503, f.toString()), ErrorPages.BUILT_IN, "frontend 'f'");
    assertThat(pages.engine(503).toString(StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.0 503 Service Unavailable\r\n"
        + "cache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html>busy</html>\n");
    assertThat(pages.closes(503)).isTrue();
    assertThat(pages.closes(502)).isFalse();
    assertThat(pages.engine(502)).isSameAs(HttpErrors.forStatus(502));
    ErrorPages backend = ErrorPages.of(Map.of(403, f.toString()), pages, "backend 'b'");
    assertThat(backend.engine(503)).isSameAs(pages.engine(503));
    assertThat(backend.rule(429)).isSameAs(HttpErrors.forRule(429));
  }

  @Test
  void of_notAResponse_namesTheProxyAndFile() throws Exception {
    Path f = dir.resolve("bad.http");
    Files.writeString(f, "hello\n");
    assertThatThrownBy(() -> ErrorPages.of(Map.of(503, f.toString()), ErrorPages.BUILT_IN, "frontend 'f'"))
        .isInstanceOf(HaException.class).hasMessageContaining("frontend 'f': errorfile 503 '" + f + "'");
  }
}
