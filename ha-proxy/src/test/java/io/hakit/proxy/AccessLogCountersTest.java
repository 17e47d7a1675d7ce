package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection and queue counters of httplog lines (%ac/%fc/%bc/%sc/%rc %sq/%bq) while other
 * transactions are in flight. The expected values are what haproxy 2.6.12 logged for the same
 * sequence (a slow request holding the server, others behind it).
 */
@ExtendWith(LeakGuard.class)
class AccessLogCountersTest {
  private TestOrigin origin;
  private final CountDownLatch release = new CountDownLatch(1);
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;
  private ProxyFixture proxy;

  @BeforeEach
  void start() throws Exception {
    origin = TestOrigin.start("slow");
    origin.respondWith(r -> {
      if (r.path().startsWith("/slow")) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);
    });
    original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    System.setErr(original);
    if (proxy != null) {
      proxy.close();
    }
    origin.close();
  }

  private ProxyFixture proxy(String serverOptions) throws Exception {
    int port = FreePorts.next();
    String cfg = String.join("\n", "defaults", "  mode http", "  option httplog", "  timeout connect 5s",
        "  timeout client 5s", "  timeout server 5s", "  timeout queue 5s", "frontend f", "  bind 127.0.0.1:" + port,
        "  default_backend b", "backend b", "  server s 127.0.0.1:" + origin.port() + serverOptions, "");
    proxy = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", cfg).model(), port, TransportKind.AUTO);
    return proxy;
  }

  private static Socket send(int port, String path) throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(5000);
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return s;
  }

  private static void readResponse(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    StringBuilder b = new StringBuilder();
    while (!b.toString().endsWith("\r\n\r\nok")) {
      int c = in.read();
      if (c < 0) {
        throw new AssertionError("closed before the response: " + b);
      }
      b.append((char) c);
    }
  }

  private String line(String path) throws InterruptedException {
    String marker = "\"GET " + path + " HTTP/1.1\"";
    Await.until("log line for " + path, Duration.ofSeconds(5),
        () -> captured.toString(StandardCharsets.UTF_8).contains(marker));
    return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
  }

  private static String counters(String line) {
    String[] f = line.split(" ");
    // ... %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq "GET ..."
    return f[f.length - 5] + " " + f[f.length - 4];
  }

  @Test
  void httplog_whileAnotherRequestHoldsTheServer_countsIt() throws Exception {
    ProxyFixture p = proxy("");
    try (Socket slow = send(p.port, "/slow1")) {
      assertThat(origin.next()).isNotNull();
      try (Socket fast = send(p.port, "/fast")) {
        readResponse(fast);
        assertThat(counters(line("/fast"))).isEqualTo("2/2/1/1/0 0/0");
      }
      release.countDown();
      readResponse(slow);
    }
    assertThat(counters(line("/slow1"))).isIn("1/1/0/0/0 0/0", "2/2/0/0/0 0/0");
  }

  @Test
  void httplog_requestsOutOfTheBackendQueue_logTheirPosition() throws Exception {
    ProxyFixture p = proxy(" maxconn 1");
    try (Socket slow = send(p.port, "/slow1")) {
      assertThat(origin.next()).isNotNull();
      try (Socket q1 = send(p.port, "/q1")) {
        Await.until("/q1 queued", Duration.ofSeconds(5),
            () -> p.proxy.backendQueueLength("b") == 1);
        try (Socket q2 = send(p.port, "/q2")) {
          Await.until("/q2 queued", Duration.ofSeconds(5), () -> p.proxy.backendQueueLength("b") == 2);
          release.countDown();
          readResponse(slow);
          readResponse(q1);
          readResponse(q2);
        }
      }
    }
    assertThat(counters(line("/slow1"))).isEqualTo("3/3/2/0/0 0/0");
    for (String path : List.of("/q1", "/q2")) {
      assertThat(line(path)).contains(" 200 ");
    }
    assertThat(counters(line("/q1"))).endsWith(" 0/1");
    assertThat(counters(line("/q2"))).endsWith(" 0/2");
  }
}
