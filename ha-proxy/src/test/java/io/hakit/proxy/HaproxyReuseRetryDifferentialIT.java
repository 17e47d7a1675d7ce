package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * http-reuse, retry-on and HTTP/1.0 clients, the same configuration under the real haproxy
 * ({@code nbthread 1}) and under HAKit (one event loop), against the same scripted origins: the
 * same requests must give the same responses (connection numbers normalised, chunk framing included)
 * and the origins must see the same requests on the same pattern of TCP connections.
 */
@ExtendWith(LeakGuard.class)
class HaproxyReuseRetryDifferentialIT {
  /** Frontend name to the lines of its backend (each frontend has its own backend and port). */
  private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("never", "http-reuse never\n server s1 ${O1}");
    SCENARIOS.put("never2", "http-reuse never\n server s1 ${O1}\n server s2 ${O1}");
    SCENARIOS.put("safe", "http-reuse safe\n server s1 ${O1}");
    SCENARIOS.put("safe2", "server s1 ${O1}");
    SCENARIOS.put("aggressive", "http-reuse aggressive\n server s1 ${O1}");
    SCENARIOS.put("aggressive2", "http-reuse aggressive\n server s1 ${O1}");
    SCENARIOS.put("always", "http-reuse always\n server s1 ${O1}");
    SCENARIOS.put("r503", "retry-on 503\n server s1 ${O1}");
    SCENARIOS.put("r503post", "retry-on 503\n server s1 ${O1}");
    SCENARIOS.put("r503redispatch", "retry-on 503\n option redispatch\n server s1 ${O1}\n server s2 ${OK}");
    SCENARIOS.put("r503alternate", "retry-on 503\n retries 3\n option redispatch\n server s1 ${O1}\n server s3 ${O3}");
    SCENARIOS.put("rdefault", "server s1 ${O1}");
    SCENARIOS.put("rnone", "retry-on none\n server s1 ${DEAD}");
    SCENARIOS.put("rempty", "retry-on empty-response\n server s1 ${O1}");
    SCENARIOS.put("rjunk", "retry-on junk-response\n retries 2\n server s1 ${O1}");
    SCENARIOS.put("rtimeout", "retry-on response-timeout\n retries 1\n timeout server 300ms\n server s1 ${O1}");
    SCENARIOS.put("r404", "retry-on 404\n retries 2\n server s1 ${O1}");
    SCENARIOS.put("rall", "retry-on all-retryable-errors\n retries 1\n server s1 ${O1}");
    SCENARIOS.put("ka", "option http-keep-alive\n server s1 ${O1}");
    SCENARIOS.put("sc", "option http-server-close\n server s1 ${O1}");
    SCENARIOS.put("hc", "option httpclose\n server s1 ${O1}");
  }

  private static ScriptedOrigin o1;
  private static ScriptedOrigin o3;
  private static ScriptedOrigin ok;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static final Map<String, Integer> HAPROXY_PORTS = new HashMap<>();
  private static final Map<String, Integer> HAKIT_PORTS = new HashMap<>();

  static String config(Map<String, Integer> ports, int dead) {
    StringBuilder b = new StringBuilder(String.join("\n",
        "global",
        "    nbthread 1",
        "defaults",
        "    mode http",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 2s",
        "    timeout http-request 5s",
        "    timeout http-keep-alive 5s",
        ""));
    for (var e : SCENARIOS.entrySet()) {
      b.append("frontend f_").append(e.getKey()).append("\n    bind 127.0.0.1:").append(ports.get(e.getKey()))
          .append("\n    default_backend b_").append(e.getKey()).append("\n");
      b.append("backend b_").append(e.getKey()).append("\n    ").append(e.getValue()
          .replace("\n ", "\n    ")
          .replace("${O1}", "127.0.0.1:" + o1.port())
          .replace("${O3}", "127.0.0.1:" + o3.port())
          .replace("${OK}", "127.0.0.1:" + ok.port())
          .replace("${DEAD}", "127.0.0.1:" + dead)).append("\n");
    }
    return b.toString();
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    o1 = new ScriptedOrigin(false);
    o3 = new ScriptedOrigin(false);
    ok = new ScriptedOrigin(true);
    o1.slowMillis = 700;
    int dead = FreePorts.next();
    for (String name : SCENARIOS.keySet()) {
      HAPROXY_PORTS.put(name, FreePorts.next());
      HAKIT_PORTS.put(name, FreePorts.next());
    }
    String first = SCENARIOS.keySet().iterator().next();
    haproxy = new HaproxyProcess(config(HAPROXY_PORTS, dead), HAPROXY_PORTS.get(first));
    hakit = new ProxyFixture(new io.hakit.config.haproxy.HaproxyConfigReader()
        .read("haproxy.cfg", config(HAKIT_PORTS, dead)).model(), HAKIT_PORTS.get(first), TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {hakit, haproxy, o1, o3, ok}) {
      if (c != null) {
        c.close();
      }
    }
  }

  // ---------------------------------------------------------------- http-reuse

  @Test
  void httpReuse_clientSequences_sameOriginConnectionsAsHaproxy() throws Exception {
    // cN = a request on client connection N, xN = client N closes.
    for (String mode : List.of("never", "safe", "aggressive", "always")) {
      sameReuse(mode, "1,1,2,2,3,1,x1,4,4,5");
    }
    sameReuse("never2", "1,1,1,1,2,2");
    sameReuse("safe2", "1,2,3,3,4,x1,x2,x3,5,5,6");
    sameReuse("aggressive2", "1,2,3,3,4,x1,x2,x3,5,5,6");
  }

  @Test
  void httpReuse_never_connectionsPrivateToTheirClient() throws Exception {
    String pattern = reuse(HAKIT_PORTS.get("never"), "1,2,1,2,x1,3,2");
    // c1 and c2 each keep their own connection; c3 comes after c1 left and still gets a new one.
    assertThat(pattern).isEqualTo("c1=A c2=B c1=A c2=B x1 c3=C c2=B");
  }

  private static void sameReuse(String scenario, String sequence) throws Exception {
    String expected = reuse(HAPROXY_PORTS.get(scenario), sequence);
    String actual = reuse(HAKIT_PORTS.get(scenario), sequence);
    assertThat(actual).as("%s: %s", scenario, sequence).isEqualTo(expected);
  }

  /** Runs a sequence of keep-alive requests over several client connections; the origin connections, lettered. */
  private static String reuse(int port, String sequence) throws Exception {
    Map<String, KeepAliveClient> clients = new HashMap<>();
    Map<String, String> letters = new HashMap<>();
    List<String> out = new ArrayList<>();
    try {
      for (String step : sequence.split(",")) {
        if (step.startsWith("x")) {
          clients.remove(step.substring(1)).close();
          out.add(step);
          continue;
        }
        KeepAliveClient c = clients.computeIfAbsent(step, k -> KeepAliveClient.open(port));
        String conn = c.get("/len").header("x-c");
        out.add("c" + step + "=" + letters.computeIfAbsent(conn, k -> String.valueOf((char) ('A' + letters.size()))));
      }
    } finally {
      for (KeepAliveClient c : clients.values()) {
        c.close();
      }
    }
    return String.join(" ", out);
  }

  // ---------------------------------------------------------------- retry-on

  @Test
  void retryOn_statuses_sameRetriesAndResponseAsHaproxy() throws Exception {
    same("r503", get("/s503"));
    same("r503", get("/s404"));
    same("r503redispatch", get("/s503"));
    same("r503alternate", get("/s503"));
    same("r404", get("/s404"));
    same("r404", get("/s503"));
    same("rall", get("/s503"));
    same("rall", get("/s404"));
    same("rdefault", get("/s503"));
  }

  @Test
  void retryOn_postBodies_replayedOnlyWhenTheyFitInABuffer() throws Exception {
    same("r503post", "POST /s503 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    // Chunked: re-framed on the way (one chunk per read, extensions dropped, trailer names in lower case).
    same("r503post", "POST /s503 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "5;x=1\r\nhello\r\n006\r\n world\r\n0\r\nX-Trailer: T\r\n\r\n");
    same("r503post", "POST /s503 HTTP/1.1\r\nHost: a\r\nContent-Length: 15000\r\nConnection: close\r\n\r\n"
        + "a".repeat(15000));
    same("r503post", "POST /s503 HTTP/1.1\r\nHost: a\r\nContent-Length: 20000\r\nConnection: close\r\n\r\n"
        + "a".repeat(20000));
  }

  @Test
  void retryOn_serverFailures_sameRetriesAndErrorAsHaproxy() throws Exception {
    same("rempty", get("/empty"));
    same("rdefault", get("/empty"));
    same("rjunk", get("/junk"));
    same("rjunk", get("/partial"));
    same("rjunk", get("/empty"));
    same("rempty", get("/junk"));
    same("rall", get("/empty"));
    same("rtimeout", get("/slow"));
    same("rdefault", get("/junk"));
    same("rnone", get("/any"));
  }

  @Test
  void retryOn_emptyResponseToALaterRequest_clientClosedWithoutError() throws Exception {
    String twoRequests = "GET /len HTTP/1.1\r\nHost: a\r\n\r\nGET /empty HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    same("rdefault", twoRequests);
    same("rempty", twoRequests);
    // Also with a new server connection per request, and for half a head (never retried).
    same("sc", twoRequests);
    same("sc", twoRequests.replace("/empty", "/partial"));
    same("sc", twoRequests.replace("/empty", "/junk"));
  }

  // ---------------------------------------------------------------- HTTP/1.0 clients

  @Test
  void http10Client_chunkedAndCloseDelimitedResponses_sameAsHaproxyInEveryMode() throws Exception {
    for (String mode : List.of("ka", "sc", "hc")) {
      for (String path : List.of("/chunked", "/close", "/len")) {
        same(mode, "GET " + path + " HTTP/1.0\r\n\r\n");
        same(mode, "GET " + path + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      }
      same(mode, "GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /len HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      same(mode, "GET /chunked HTTP/1.1\r\nHost: a\r\n\r\n");
      same(mode, "GET /close HTTP/1.1\r\nHost: a\r\n\r\n");
    }
  }

  // ---------------------------------------------------------------- harness

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
  }

  private static void same(String scenario, String request) throws Exception {
    String expected = outcome(HAPROXY_PORTS.get(scenario), request);
    String actual = outcome(HAKIT_PORTS.get(scenario), request);
    assertThat(actual).as("%s: %s", scenario, request.length() > 200 ? request.substring(0, 200) : request)
        .isEqualTo(expected);
  }

  /** The response (normalised) and what the origins saw, connections lettered in order of appearance. */
  private static String outcome(int port, String request) throws Exception {
    o1.clear();
    o3.clear();
    ok.clear();
    String response = exchange(port, request);
    Map<Integer, String> letters = new HashMap<>();
    StringBuilder seen = new StringBuilder();
    for (var o : List.of(o1, o3, ok)) {
      for (ScriptedOrigin.Hit h : o.hits()) {
        String letter = letters.computeIfAbsent(h.connection() * 4 + (o == o1 ? 0 : o == o3 ? 1 : 2),
            k -> String.valueOf((char) ('A' + letters.size())));
        seen.append(o == o1 ? "o1 " : o == o3 ? "o3 " : "ok ").append(letter).append(' ').append(h.requestLine())
            .append(" connection=").append(h.connectionHeader()).append(" body=").append(h.bodyLength())
            .append(h.chunkedWire().isEmpty() ? "" : " chunked=" + h.chunkedWire()).append('\n');
      }
    }
    // Connection numbers in responses, as letters of the connections listed above.
    Matcher m = Pattern.compile("(?i)(x-c: |conn=)(\\d+)").matcher(response);
    StringBuilder normalised = new StringBuilder();
    while (m.find()) {
      int n = Integer.parseInt(m.group(2));
      String letter = "?";
      for (int origin = 0; origin < 3; origin++) {
        String l = letters.get(n * 4 + origin);
        if (l != null) {
          letter = l;
          break;
        }
      }
      m.appendReplacement(normalised, Matcher.quoteReplacement(m.group(1).toLowerCase() + letter));
    }
    m.appendTail(normalised);
    return normalised + "\n---\n" + seen;
  }

  /** Sends bytes, reads until the proxy closes ({@code <EOF>}) or goes quiet for a while ({@code <OPEN>}). */
  static String exchange(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      long deadline = System.currentTimeMillis() + 8000;
      while (System.currentTimeMillis() < deadline) {
        // Quiet for 400 ms once something arrived means a kept-alive connection; the first byte may take retries.
        s.setSoTimeout(out.size() == 0 ? 6000 : 400);
        try {
          int n = in.read(buf);
          if (n < 0) {
            return out.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
          }
          out.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
          return out.toString(StandardCharsets.ISO_8859_1) + "<OPEN>";
        } catch (IOException e) {
          return out.toString(StandardCharsets.ISO_8859_1) + "<RESET>";
        }
      }
      return out.toString(StandardCharsets.ISO_8859_1) + "<SLOW>";
    }
  }

  /** A keep-alive HTTP/1.1 client reading Content-Length responses. */
  private static final class KeepAliveClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    private KeepAliveClient(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      socket.setSoTimeout(5000);
    }

    static KeepAliveClient open(int port) {
      try {
        return new KeepAliveClient(new Socket(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    record Response(String head) {
      String header(String name) {
        for (String line : head.split("\r\n")) {
          int c = line.indexOf(':');
          if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
            return line.substring(c + 1).trim();
          }
        }
        throw new AssertionError("no " + name + " in " + head);
      }
    }

    Response get(String path) throws IOException {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("closed after " + head);
        }
        head.write(c);
      }
      Response r = new Response(head.toString(StandardCharsets.ISO_8859_1));
      int length = Integer.parseInt(r.header("content-length"));
      if (in.readNBytes(length).length != length) {
        throw new IOException("short body");
      }
      return r;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
