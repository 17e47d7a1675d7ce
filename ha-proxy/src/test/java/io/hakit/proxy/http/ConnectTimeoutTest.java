package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.LeakGuard;
import io.hakit.proxy.ProxyFixture;
import io.hakit.proxy.transport.TransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * timeout connect, which HTTP sessions run on their own timer lane: a server that never completes
 * the handshake (a loopback listener whose accept queue is full, so its SYNs are dropped) fails
 * the request with a 503 once the timeout, and the retries, are spent.
 */
@ExtendWith(LeakGuard.class)
class ConnectTimeoutTest {
  @Test
  void connect_serverNeverAnswers_503AfterTimeoutAndRetry() throws Exception {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Never accepted: the queue fills, and further SYNs are dropped.
      for (int i = 0; i < 4; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), blackhole.getLocalPort()), 200);
        } catch (IOException e) {
          // the queue is already full
        }
        fillers.add(s);
      }
      int port = FreePorts.next();
      String cfg = String.join("\n", "defaults", "    mode http", "    timeout connect 300ms",
          "    timeout client 10s", "    timeout server 10s", "    retries 1",
          "frontend fe", "    bind 127.0.0.1:" + port, "    default_backend be",
          "backend be", "    server s1 127.0.0.1:" + blackhole.getLocalPort(), "");
      try (ProxyFixture p = new ProxyFixture(new HaproxyConfigReader().read("t.cfg", cfg).model(), port,
          TransportKind.AUTO)) {
        long start = System.nanoTime();
        HttpResponse<String> r = p.get("/x");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(503);
        // Two attempts of 300 ms each (a timed-out attempt is retried at once).
        assertThat(millis).isBetween(550L, 8000L);
      }
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }
}
