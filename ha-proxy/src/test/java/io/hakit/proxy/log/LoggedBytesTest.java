package io.hakit.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.proxy.acl.RequestSample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Head sizes as haproxy 2.6.12 logs them in %U and %B (measured with log-format "%B %U"). */
class LoggedBytesTest {
  /** A parsed head: method and target (empty for a response), lower-case header names. */
  private record Head(String method, String uri, List<String[]> headers) implements RequestSample {
    @Override
    public String path() {
      return uri;
    }

    @Override
    public int version() {
      return 11;
    }

    @Override
    public int headerCount() {
      return headers.size();
    }

    @Override
    public String headerName(int i) {
      return headers.get(i)[0];
    }

    @Override
    public String headerValue(int i) {
      return headers.get(i)[1];
    }

    @Override
    public byte[] sourceAddress() {
      return new byte[4];
    }
  }

  private static Head head(String method, String uri, String... nameValues) {
    List<String[]> h = new java.util.ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.add(new String[] {nameValues[i], nameValues[i + 1]});
    }
    return new Head(method, uri, h);
  }

  @Test
  void requestHead_connectionCloseOrKeepAliveNotCounted() {
    // GET /rno HTTP/1.1, Host: x  ->  %U 41, with or without "Connection: close" / "keep-alive, close".
    assertThat(LoggedBytes.requestHead(head("GET", "/rno", "host", "x"))).isEqualTo(41);
    assertThat(LoggedBytes.requestHead(head("GET", "/rno", "host", "x", "connection", "close"))).isEqualTo(41);
    assertThat(LoggedBytes.requestHead(head("GET", "/rno", "host", "x", "connection", "keep-alive, close")))
        .isEqualTo(41);
    // "Connection: close, X-Foo" keeps "connection" + "X-Foo": 56.
    assertThat(LoggedBytes.requestHead(head("GET", "/rno", "host", "x", "connection", "close, X-Foo")))
        .isEqualTo(56);
  }

  @Test
  void requestHead_curlRequest() {
    assertThat(LoggedBytes.requestHead(head("GET", "/a", "host", "127.0.0.1:18990", "user-agent", "curl/7.88.1",
        "accept", "*/*"))).isEqualTo(83);
  }

  @Test
  void responseHead_contentLengthAndChunkedResponses() {
    // HTTP/1.1 200 OK, Content-Length: 11, body "hello world": %B 61 = head 50 + 11.
    assertThat(LoggedBytes.responseHead(200, "OK", head("", "", "content-length", "11"))).isEqualTo(50);
    assertThat(LoggedBytes.responseHead(200, "OK", head("", "", "content-length", "2", "connection", "keep-alive")))
        .isEqualTo(49);
    // Transfer-Encoding: chunked: 58, then the body's data and 1 for its end (70 for "hello world").
    assertThat(LoggedBytes.responseHead(200, "OK", head("", "", "transfer-encoding", "chunked"))).isEqualTo(58);
  }

  @Test
  void localResponse_haproxysDenyPage() {
    String page = "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\n"
        + "content-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules."
        + "\n</body></html>\n";
    assertThat(page.getBytes(StandardCharsets.ISO_8859_1).length - page.indexOf("\r\n\r\n") - 4).isEqualTo(93);
    assertThat(LoggedBytes.localResponse(page.length(), 3)).isEqualTo(192);
  }

  @Test
  void connectionValueLength_dropsCloseAndKeepAlive() {
    assertThat(LoggedBytes.connectionValueLength("close")).isZero();
    assertThat(LoggedBytes.connectionValueLength("Keep-Alive")).isZero();
    assertThat(LoggedBytes.connectionValueLength("upgrade")).isEqualTo(7);
    assertThat(LoggedBytes.connectionValueLength("a, close, b")).isEqualTo(4);
  }
}
