package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is answered as HAProxy 2.6 answers it, byte for byte, and never reaches the origin. */
@ExtendWith(LeakGuard.class)
class MalformedRequestTest {
  static final String BAD_REQUEST = "HTTP/1.1 400 Bad request\r\nContent-length: 90\r\nCache-Control: no-cache\r\n"
      + "Connection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>400 Bad request</h1>\n"
      + "Your browser sent an invalid request.\n</body></html>\n";
  static final String TIMEOUT = "HTTP/1.1 408 Request Time-out\r\nContent-length: 110\r\nCache-Control: no-cache\r\n"
      + "Connection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>408 Request Time-out</h1>\n"
      + "Your browser didn't send a complete request in time.\n</body></html>\n";
  // For a request saying "Connection: close", as the tests below send (haproxy 2.6.12 adds the header when it closes).
  static final String BAD_GATEWAY = "HTTP/1.1 502 Bad Gateway\r\ncontent-length: 107\r\ncache-control: no-cache\r\n"
      + "content-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>502 Bad Gateway</h1>\n"
      + "The server returned an invalid or incomplete response.\n</body></html>\n";
  static final String GATEWAY_TIMEOUT = "HTTP/1.1 504 Gateway Time-out\r\ncontent-length: 92\r\n"
      + "cache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>504 Gateway Time-out</h1>\n"
      + "The server didn't respond in time.\n</body></html>\n";

  private static TestOrigin origin;
  private static TestOrigin garbage;
  private static TestOrigin silent;
  private static ProxyFixture proxy;

  @BeforeAll
  static void start() throws Exception {
    origin = TestOrigin.start("app");
    garbage = TestOrigin.start("garbage");
    garbage.respondWith(r -> "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    silent = TestOrigin.start("silent");
    silent.respondWith(r -> {
      // A server that holds the request without answering: its thread waits past the proxy's timeout.
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new byte[0];
    });
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port)
            .timeout(TimeoutKind.HTTP_REQUEST, Duration.ofMillis(700))
            .timeout(TimeoutKind.HTTP_KEEP_ALIVE, Duration.ofMillis(700))
            .backendRule(new io.hakit.core.model.BackendRule("garbage",
                new io.hakit.core.model.Condition(io.hakit.core.model.Condition.Polarity.IF,
                    java.util.List.of(java.util.List.of(io.hakit.core.model.AclTerm.inline(new io.hakit.core.model.Acl(
                        io.hakit.core.model.Acl.ANONYMOUS, "path_beg", io.hakit.core.model.AclFlags.NONE,
                        java.util.List.of("/garbage"), io.hakit.core.Origin.UNKNOWN)))), io.hakit.core.Origin.UNKNOWN),
                io.hakit.core.Origin.UNKNOWN))
            .backendRule(new io.hakit.core.model.BackendRule("silent",
                new io.hakit.core.model.Condition(io.hakit.core.model.Condition.Polarity.IF,
                    java.util.List.of(java.util.List.of(io.hakit.core.model.AclTerm.inline(new io.hakit.core.model.Acl(
                        io.hakit.core.model.Acl.ANONYMOUS, "path_beg", io.hakit.core.model.AclFlags.NONE,
                        java.util.List.of("/silent"), io.hakit.core.Origin.UNKNOWN)))), io.hakit.core.Origin.UNKNOWN),
                io.hakit.core.Origin.UNKNOWN))
            .defaultBackend("app").build())
        .backend(Models.seedBackend("app").server(Models.server("a", origin.port())).build())
        .backend(Models.seedBackend("garbage").server(Models.server("g", garbage.port())).build())
        .backend(Models.seedBackend("silent").timeout(TimeoutKind.SERVER, Duration.ofMillis(500))
            .server(Models.server("s", silent.port())).build())
        .build();
    proxy = new ProxyFixture(m, port, TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    origin.close();
    garbage.close();
    silent.close();
  }

  static Stream<Arguments> malformed() {
    String many = "";
    for (int i = 0; i < 120; i++) {
      many += "X-H" + i + ": v\r\n";
    }
    return Stream.of(
        Arguments.of("not HTTP", "HELLO\r\n\r\n"),
        Arguments.of("HTTP/0.9 request line", "GET /\r\n\r\n"),
        Arguments.of("two different Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
        Arguments.of("bad Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
        Arguments.of("bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("transfer-encoding not chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"),
        Arguments.of("space in header name", "GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n"),
        Arguments.of("space before colon", "GET / HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n"),
        Arguments.of("space in URI", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"),
        Arguments.of("control char in URI", "GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n"),
        Arguments.of("NUL in header value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n"),
        Arguments.of("header too large", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(17000) + "\r\n\r\n"),
        Arguments.of("too many headers", "GET / HTTP/1.1\r\nHost: x\r\n" + many + "\r\n"),
        Arguments.of("absolute URI with another Host", "GET http://foo.example/p HTTP/1.1\r\nHost: other\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void request_malformed_400AndNothingForwarded(String name, String request) throws Exception {
    origin.clear();
    assertThat(RawClient.exchange(proxy.port, request, 3000)).isEqualTo(BAD_REQUEST);
    assertThat(origin.poll(50)).isNull();
  }

  @Test
  void request_obsFold_unfoldedWithSpacesAsHaproxy() throws Exception {
    origin.clear();
    String out = RawClient.exchange(proxy.port, "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n", 3000);
    assertThat(out).startsWith("HTTP/1.1 200 OK");
    assertThat(origin.next().header("x-a")).isEqualTo("a   b");
  }

  @Test
  void request_contentLengthAndChunked_chunkedWinsAndConnectionCloses() throws Exception {
    origin.clear();
    String out = RawClient.exchange(proxy.port,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 3000);
    assertThat(out).startsWith("HTTP/1.1 200 OK").contains("connection: close");
    TestOrigin.Received r = origin.next();
    assertThat(r.header("content-length")).isNull();
    assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
  }

  @Test
  void request_sameContentLengthTwice_mergedIntoOne() throws Exception {
    origin.clear();
    String out = RawClient.exchange(proxy.port,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", 3000);
    assertThat(out).startsWith("HTTP/1.1 200 OK");
    TestOrigin.Received r = origin.next();
    assertThat(r.headers().stream().filter(h -> h[0].equals("content-length")).count()).isEqualTo(1);
    assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).isEqualTo("hello");
  }

  @Test
  void slowloris_incompleteHead_408AtHttpRequestTimeout() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port)) {
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long start = System.nanoTime();
      String got = RawClient.readUntilClose(s, 5000);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(got).isEqualTo(TIMEOUT);
      assertThat(tookMillis).isBetween(500L, 4000L);
    }
  }

  @Test
  void emptyConnection_408AtHttpRequestTimeout() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port)) {
      assertThat(RawClient.readUntilClose(s, 5000)).isEqualTo(TIMEOUT);
    }
  }

  @Test
  void idleKeepAlive_afterResponse_closedSilently() throws Exception {
    String out = RawClient.exchange(proxy.port, "GET /ka HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    assertThat(out).startsWith("HTTP/1.1 200 OK").endsWith("path=/ka body=0");
  }

  @Test
  void backendGarbage_502() throws Exception {
    String out = RawClient.exchange(proxy.port, "GET /garbage HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
    assertThat(out).isEqualTo(BAD_GATEWAY);
  }

  @Test
  void backendSilent_504AtServerTimeout() throws Exception {
    String out = RawClient.exchange(proxy.port, "GET /silent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 4000);
    assertThat(out).isEqualTo(GATEWAY_TIMEOUT);
  }

  @Test
  void pipelined_threeRequests_answeredInOrder() throws Exception {
    String out = RawClient.exchange(proxy.port, "GET /p1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p2 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /p3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
    assertThat(out.indexOf("path=/p1")).isPositive().isLessThan(out.indexOf("path=/p2"));
    assertThat(out.indexOf("path=/p2")).isLessThan(out.indexOf("path=/p3"));
  }

  @Test
  void http10_noKeepAlive_responseSaysCloseAndConnectionCloses() throws Exception {
    String out = RawClient.exchange(proxy.port, "GET /old HTTP/1.0\r\n\r\n", 3000);
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close\r\n").endsWith("path=/old body=0");
  }
}
