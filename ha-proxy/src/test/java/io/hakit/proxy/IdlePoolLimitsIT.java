package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Idle server connections above pool-max-conn, pool-low-conn and the estimated need are closed,
 * and pool-purge-delay closes the rest over time: the same configuration under haproxy 2.6
 * ({@code nbthread 1}) and HAKit (one event loop), each with its own origins, counting the
 * connections each origin still has open.
 */
@ExtendWith(LeakGuard.class)
class IdlePoolLimitsIT {
  /** Backend name to its server's pool keywords. */
  private static final Map<String, String> BACKENDS = new LinkedHashMap<>();

  static {
    BACKENDS.put("dflt", "");
    BACKENDS.put("max3", "pool-max-conn 3");
    BACKENDS.put("max0", "pool-max-conn 0");
    BACKENDS.put("low0", "pool-purge-delay 60s");
    BACKENDS.put("low2", "pool-low-conn 2 pool-purge-delay 60s");
    BACKENDS.put("purge", "pool-purge-delay 200ms");
  }

  /** One proxy (haproxy or HAKit) with an origin per backend. */
  private static final class Side {
    final Map<String, ScriptedOrigin> origins = new LinkedHashMap<>();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    AutoCloseable proxy;

    Side() throws IOException {
      for (String name : BACKENDS.keySet()) {
        ScriptedOrigin o = new ScriptedOrigin(false);
        o.slowMillis = 300;
        origins.put(name, o);
        ports.put(name, FreePorts.next());
      }
    }

    String config() {
      StringBuilder b = new StringBuilder(String.join("\n", "global", "    nbthread 1", "defaults", "    mode http",
          "    timeout connect 1s", "    timeout client 10s", "    timeout server 10s", ""));
      for (String name : BACKENDS.keySet()) {
        b.append("frontend f_").append(name).append("\n    bind 127.0.0.1:").append(ports.get(name))
            .append("\n    default_backend b_").append(name).append("\n")
            .append("backend b_").append(name).append("\n    server s1 127.0.0.1:")
            .append(origins.get(name).port()).append(' ').append(BACKENDS.get(name)).append("\n");
      }
      return b.toString();
    }

    void close() throws Exception {
      if (proxy != null) {
        proxy.close();
      }
      for (ScriptedOrigin o : origins.values()) {
        o.close();
      }
    }
  }

  private static Side haproxy;
  private static Side hakit;

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    haproxy = new Side();
    hakit = new Side();
    haproxy.proxy = new HaproxyProcess(haproxy.config(), haproxy.ports.values().stream().mapToInt(i -> i).toArray());
    hakit.proxy = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", hakit.config()).model(),
        hakit.ports.get("dflt"), TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Side s : new Side[] {hakit, haproxy}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void burst_poolLimits_sameIdleConnectionsLeftAsHaproxy() throws Exception {
    // Eight clients at once, one slow request each, then they leave: each origin saw eight
    // connections; all eight stay idle by default, three under pool-max-conn 3, none under 0.
    Map<String, Integer> expected = Map.of("dflt", 8, "max3", 3, "max0", 0);
    for (var e : expected.entrySet()) {
      for (Side side : new Side[] {haproxy, hakit}) {
        String who = (side == haproxy ? "haproxy " : "HAKit ") + e.getKey();
        burst(side.ports.get(e.getKey()), 8);
        ScriptedOrigin o = side.origins.get(e.getKey());
        assertThat(o.connectionsAccepted()).as(who).isEqualTo(8);
        Await.until(who + ": " + e.getValue() + " idle connections left (open: " + o.connectionsOpen() + ")",
            Duration.ofSeconds(5), () -> o.connectionsOpen() == e.getValue());
      }
    }
  }

  @Test
  void sequentialClients_lowConn_keepsOneMoreEachAsHaproxy() throws Exception {
    // http-reuse safe: a client's first request never takes an idle connection, so six clients
    // one after the other open six; haproxy keeps one idle, plus pool-low-conn.
    Map<String, Integer> expected = Map.of("low0", 1, "low2", 3);
    for (var e : expected.entrySet()) {
      for (Side side : new Side[] {haproxy, hakit}) {
        String who = (side == haproxy ? "haproxy " : "HAKit ") + e.getKey();
        for (int i = 0; i < 6; i++) {
          burst(side.ports.get(e.getKey()), 1);
        }
        ScriptedOrigin o = side.origins.get(e.getKey());
        assertThat(o.connectionsAccepted()).as(who).isEqualTo(6);
        Await.until(who + ": " + e.getValue() + " idle connections left (open: " + o.connectionsOpen() + ")",
            Duration.ofSeconds(5), () -> o.connectionsOpen() == e.getValue());
      }
    }
  }

  @Test
  void purgeDelay_idleConnections_closedOverSeveralPurges() throws Exception {
    for (Side side : new Side[] {haproxy, hakit}) {
      String who = side == haproxy ? "haproxy" : "HAKit";
      burst(side.ports.get("purge"), 8);
      ScriptedOrigin o = side.origins.get("purge");
      assertThat(o.connectionsAccepted()).as(who).isEqualTo(8);
      // Five purges of 200 ms (8, 8, 5, 2, 0 left), with room for a loaded machine.
      Await.until(who + ": every idle connection purged (open: " + o.connectionsOpen() + ")",
          Duration.ofSeconds(10), () -> o.connectionsOpen() == 0);
    }
  }

  /** {@code n} clients send a slow request each at once, read their answers, then all close. */
  private static void burst(int port, int n) throws IOException {
    List<Socket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000);
        clients.add(s);
        s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      for (Socket s : clients) {
        assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
      }
    } finally {
      for (Socket s : clients) {
        s.close();
      }
    }
  }

  /** One response with a Content-Length body (the origin's /slow answer). */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0 || head.length() > 8192) {
        throw new IOException("no complete head: " + head);
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return head.toString();
  }
}
