package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Expect: 100-continue, Upgrade to a tunnel, graceful stop, maxconn, access log lines. */
@ExtendWith(LeakGuard.class)
class ProtocolFeaturesTest {
  private TestOrigin origin;
  private int port;

  @BeforeEach
  void start() throws Exception {
    origin = TestOrigin.start("app");
    port = FreePorts.next();
  }

  @AfterEach
  void stop() throws Exception {
    origin.close();
  }

  private ProxyModel model(int frontendMaxconn) {
    return ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).maxconn(frontendMaxconn).defaultBackend("app").build())
        .backend(Models.seedBackend("app").server(Models.server("a", origin.port())).build())
        .build();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    int matched = 0;
    while (matched < 4 && (c = in.read()) >= 0) {
      b.write(c);
      matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void expectContinue_interimResponseForwardedThenBody() throws Exception {
    try (ProxyFixture p = new ProxyFixture(model(0), port, TransportKind.AUTO);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), p.port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 100 Continue\r\n");
      out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String rest = RawClient.readUntilClose(s, 5000);
      assertThat(rest).startsWith("HTTP/1.1 200 OK").endsWith("body=5");
      assertThat(new String(origin.next().body(), StandardCharsets.ISO_8859_1)).isEqualTo("hello");
    }
  }

  @Test
  void upgrade_101_becomesTunnelBothWays() throws Exception {
    origin.respondWith(r -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    try (ProxyFixture p = new ProxyFixture(model(0), port, TransportKind.AUTO);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), p.port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String head = readHead(s.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n").contains("connection: upgrade");
      assertThat(origin.next().header("connection")).isEqualTo("upgrade");
      for (String msg : new String[] {"ping", "frame-2", "x".repeat(50_000)}) {
        out.write(msg.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        byte[] back = s.getInputStream().readNBytes(msg.length());
        assertThat(new String(back, StandardCharsets.ISO_8859_1)).isEqualTo(msg);
      }
    }
  }

  @Test
  void stop_inFlightRequestFinishes_thenNoLongerAccepting() throws Exception {
    origin.respondWith(r -> {
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nslow".getBytes(StandardCharsets.ISO_8859_1);
    });
    ProxyFixture p = new ProxyFixture(model(0), port, TransportKind.AUTO);
    try {
      CompletableFuture<HttpResponse<String>> inFlight = p.client.sendAsync(
          java.net.http.HttpRequest.newBuilder(p.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(origin.next()).isNotNull();
      CompletableFuture<Void> stopped = p.proxy.stop(Duration.ofSeconds(5)).toCompletableFuture();
      HttpResponse<String> r = inFlight.get(5, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("slow");
      stopped.get(10, TimeUnit.SECONDS);
      assertThat(p.proxy.listeningHealth().current().isUp()).isFalse();
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .isInstanceOf(ConnectException.class);
    } finally {
      p.close();
    }
  }

  @Test
  void frontendMaxconn_secondClientWaitsUntilFirstLeaves() throws Exception {
    Socket first = null;
    Socket second = null;
    try (ProxyFixture p = new ProxyFixture(model(1), port, TransportKind.AUTO)) {
      first = new Socket(InetAddress.getLoopbackAddress(), p.port);
      first.setSoTimeout(5000);
      first.getOutputStream().write("GET /one HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readHead(first.getInputStream())).startsWith("HTTP/1.1 200 OK");
      second = new Socket(InetAddress.getLoopbackAddress(), p.port);
      second.getOutputStream().write("GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(origin.next().path()).isEqualTo("/one");
      assertThat(origin.poll(300)).as("second client served while the first holds the only slot").isNull();
      first.close();
      assertThat(origin.next().path()).isEqualTo("/two");
      assertThat(RawClient.readUntilClose(second, 5000)).contains("200 OK");
    } finally {
      for (Socket s : new Socket[] {first, second}) {
        if (s != null && !s.isClosed()) {
          s.close();
        }
      }
    }
  }

  @Test
  void accessLog_httplogLineThroughIoHakitAccess() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ProxyFixture p = new ProxyFixture(model(0), port, TransportKind.AUTO)) {
      RawClient.exchange(p.port, "GET /logged?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
      Await.until("access log line", Duration.ofSeconds(5),
          () -> captured.toString(StandardCharsets.UTF_8).contains("\"GET /logged?q=1 HTTP/1.1\""));
    } finally {
      System.setErr(original);
    }
    String line = captured.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("GET /logged")).findFirst().orElseThrow();
    assertThat(line).contains("io.hakit.access").matches(
        ".*127\\.0\\.0\\.1:\\d+ \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] main app/a \\d+/\\d+/\\d+/\\d+/\\d+ 200 \\d+ - - ---- "
            + "1/1/0/0/0 0/0 \"GET /logged\\?q=1 HTTP/1.1\"");
  }

  @Test
  void start_portTaken_failsWithTheAddressAndStateFailed() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      ProxyServer proxy = ProxyServer.builder(model(0)).eventLoops(1).build();
      assertThatThrownBy(() -> proxy.start().toCompletableFuture().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(io.hakit.core.HaException.class).hasMessageContaining("cannot bind socket")
          .hasMessageContaining(String.valueOf(taken.getLocalPort()));
      assertThat(proxy.state()).isEqualTo(io.hakit.core.lifecycle.LifecycleState.FAILED);
      assertThat(proxy.listeningHealth().current().isUp()).isFalse();
      proxy.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void build_unknownBalancerOrAcl_clearError() {
    ProxyModel badBalance = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app").balance(io.hakit.core.model.BalanceSpec.of("roundrobn")).build())
        .build();
    assertThatThrownBy(() -> ProxyServer.builder(badBalance).build())
        .isInstanceOf(io.hakit.core.HaException.class).hasMessageContaining("backend 'app'")
        .hasMessageContaining("did you mean 'roundrobin'");
    ProxyModel badFetch = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app")
            .acl(new io.hakit.core.model.Acl("x", "path_bgn", io.hakit.core.model.AclFlags.NONE, java.util.List.of("/"),
                io.hakit.core.Origin.UNKNOWN))
            .backendRule(new io.hakit.core.model.BackendRule("app", io.hakit.core.model.Condition.ifAcl("x"),
                io.hakit.core.Origin.UNKNOWN)).build())
        .backend(Models.seedBackend("app").build())
        .build();
    assertThatThrownBy(() -> ProxyServer.builder(badFetch).build())
        .isInstanceOf(io.hakit.core.HaException.class).hasMessageContaining("frontend 'main'")
        .hasMessageContaining("did you mean 'path_beg'");
  }
}
