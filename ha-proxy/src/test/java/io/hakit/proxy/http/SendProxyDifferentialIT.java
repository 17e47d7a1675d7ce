package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.Closing;
import io.hakit.proxy.HaproxyProcess;
import io.hakit.proxy.TestConfigs;
import io.hakit.proxy.ProxyFixture;
import io.hakit.proxy.TestOrigin;
import io.hakit.proxy.transport.TransportKind;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code send-proxy} under the real haproxy and under HAKit, in HTTP and TCP mode: each new server
 * connection starts with the PROXY v1 line of the client it serves, and a client's keep-alive
 * requests share that connection while another client never gets it (its line would name the
 * wrong client).
 */
class SendProxyDifferentialIT {
  private static final List<TestOrigin> origins = new ArrayList<>();
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  /** [proxy: 0 haproxy, 1 HAKit][mode: 0 http, 1 tcp]; origins in the same order (index 2 * proxy + mode). */
  private static final int[][] ports = new int[2][2];

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    for (int i = 0; i < 4; i++) {
      origins.add(TestOrigin.start("pp" + i));
      ports[i / 2][i % 2] = FreePorts.next();
    }
    haproxy = new HaproxyProcess(config(0), ports[0]);
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(1)).model(), ports[1][0],
        TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.all(origins, hakit, haproxy);
  }

  private static String config(int which) {
    return TestConfigs.HTTP_DEFAULTS + String.join("\n",
        "    http-reuse always",
        "listen l",
        "    bind 127.0.0.1:" + ports[which][0],
        "    server s1 127.0.0.1:" + origins.get(2 * which).port() + " send-proxy",
        "listen t",
        "    mode tcp",
        "    bind 127.0.0.1:" + ports[which][1],
        "    server s1 127.0.0.1:" + origins.get(2 * which + 1).port() + " send-proxy",
        "");
  }

  /** Two requests on one client connection; returns the client's local port. */
  private static int twoRequests(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      for (int i = 0; i < 2; i++) {
        s.getOutputStream().write("GET /r HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] buf = new byte[4096];
        int n = in.read(buf);
        assertThat(new String(buf, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
      }
      return s.getLocalPort();
    }
  }

  @Test
  void sendProxy_twoClients_oneLineEachNamingItsClient() throws Exception {
    for (int which = 0; which < 2; which++) {
      for (int mode = 0; mode < 2; mode++) {
        int port = ports[which][mode];
        int first = twoRequests(port);
        int second = twoRequests(port);
        // Only the lines of these two clients: a readiness probe's connection may have its own (TCP mode).
        List<String> lines = origins.get(2 * which + mode).proxyLines().stream()
            .filter(l -> l.contains(" " + first + " ") || l.contains(" " + second + " ")).toList();
        assertThat(lines).as("%s, %s mode", which == 0 ? "haproxy" : "HAKit", mode == 0 ? "http" : "tcp").containsExactly(
            "PROXY TCP4 127.0.0.1 127.0.0.1 " + first + " " + port,
            "PROXY TCP4 127.0.0.1 127.0.0.1 " + second + " " + port);
      }
    }
  }
}
