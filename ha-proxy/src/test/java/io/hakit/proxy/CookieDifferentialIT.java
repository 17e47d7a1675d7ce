package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cookie persistence under the real haproxy 2.6 ({@code nbthread 1}) and under HAKit (one event
 * loop), the same requests in the same order through both to the same origins: the same server
 * must answer, the client must get the same head (Set-Cookie, Cache-Control) and body (the origin
 * echoes the Cookie headers it received), and the access log the same server, status,
 * termination state with its cookie flags ({@code %tsc}), retries and bytes.
 */
@ExtendWith(LeakGuard.class)
class CookieDifferentialIT {
  /** Scenario name to the lines of its backend (each has its own frontend and port). */
  private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("ins", "cookie SRV insert indirect nocache\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2\n"
        + " server s3 ${S3}");
    SCENARIOS.put("plain", "cookie SRV insert domain .a.example domain b.example httponly secure attr SameSite=Lax"
        + " attr \"x y\"\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2");
    SCENARIOS.put("post", "cookie SRV insert postonly preserve\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2");
    SCENARIOS.put("rw", "cookie SRV rewrite\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2");
    SCENARIOS.put("pfx", "cookie JS prefix\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2");
    SCENARIOS.put("passive", "cookie SRV\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2");
    SCENARIOS.put("down", "cookie SRV insert indirect\n server s1 ${S1} cookie c1\n server s2 ${S2} cookie c2 disabled");
    SCENARIOS.put("persist", "cookie SRV insert indirect\n option persist\n server s1 ${S1} cookie c1\n"
        + " server s2 ${S2} cookie c2 disabled");
    SCENARIOS.put("dead", "cookie SRV insert indirect\n option persist\n retries 1\n server s1 ${S1} cookie c1\n"
        + " server s2 ${DEAD} cookie c2 disabled");
    SCENARIOS.put("redispatch", "cookie SRV insert indirect\n option persist\n option redispatch\n retries 1\n"
        + " server s1 ${S1} cookie c1\n server s2 ${DEAD} cookie c2 disabled");
    SCENARIOS.put("dates", "cookie SRV insert maxidle 30m maxlife 2h\n server s1 ${S1} cookie c1\n"
        + " server s2 ${S2} cookie c2");
  }

  private static final List<TestOrigin> origins = new ArrayList<>();
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static DatagramChannel haproxyLog;
  private static DatagramChannel hakitLog;
  private static final Map<String, Integer> HAPROXY_PORTS = new HashMap<>();
  private static final Map<String, Integer> HAKIT_PORTS = new HashMap<>();
  private static Path dir;

  static String config(Map<String, Integer> ports, int logPort, int dead, Path statsSocket) {
    StringBuilder b = new StringBuilder(String.join("\n",
        "global",
        "    nbthread 1",
        "    stats socket " + statsSocket + " mode 600 level admin",
        "defaults",
        "    mode http",
        "    log 127.0.0.1:" + logPort + " format raw local0",
        "    log-format \"%f %b/%s %ST %tsc %rc %B\"",
        "    option dontlognull",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 5s",
        ""));
    for (var e : SCENARIOS.entrySet()) {
      b.append("frontend f_").append(e.getKey()).append("\n    bind 127.0.0.1:").append(ports.get(e.getKey()))
          .append("\n    default_backend b_").append(e.getKey()).append("\n");
      b.append("backend b_").append(e.getKey()).append("\n    ").append(e.getValue()
          .replace("\n ", "\n    ")
          .replace("${S1}", "127.0.0.1:" + origins.get(0).port())
          .replace("${S2}", "127.0.0.1:" + origins.get(1).port())
          .replace("${S3}", "127.0.0.1:" + origins.get(2).port())
          .replace("${DEAD}", "127.0.0.1:" + dead)).append("\n");
    }
    // A listen section: what its frontend half answers still logs the cookie flags.
    b.append(String.join("\n",
        "listen listen",
        "    bind 127.0.0.1:" + ports.get("listen"),
        "    cookie SRV insert indirect",
        "    http-request deny if { path /d }",
        "    http-request redirect location /x if { path /r }",
        "    http-request return status 200 if { path /ret }",
        "    server s1 127.0.0.1:" + origins.get(0).port() + " cookie c1",
        "    server s2 127.0.0.1:" + origins.get(1).port() + " cookie c2",
        ""));
    return b.toString();
  }

  /**
   * The origins answer with the status of {@code x-status}, the headers listed in {@code x-r}
   * headers, and a body naming themselves and the Cookie headers they received.
   */
  private static byte[] respond(String name, TestOrigin.Received r) {
    StringBuilder cookies = new StringBuilder();
    StringBuilder extra = new StringBuilder();
    String status = "200";
    for (String[] h : r.headers()) {
      switch (h[0]) {
        case "cookie" -> cookies.append(cookies.length() > 0 ? " | " : "").append(h[1]);
        case "x-r" -> extra.append(h[1]).append("\r\n");
        case "x-status" -> status = h[1];
        default -> { }
      }
    }
    String body = "srv=" + name + " cookie=[" + cookies + "]";
    // "Connection: close" from the origin: HAKit's %B does not count one the proxy adds itself
    // (haproxy does), which is not what this test is about.
    return ("HTTP/1.1 " + status + " OK\r\nContent-Length: " + body.length() + "\r\n" + extra + "Connection: close\r\n\r\n"
        + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    for (String name : List.of("s1", "s2", "s3")) {
      TestOrigin o = TestOrigin.start(name);
      o.respondWith(r -> respond(name, r));
      origins.add(o);
    }
    int dead = FreePorts.next();
    for (String name : SCENARIOS.keySet()) {
      HAPROXY_PORTS.put(name, FreePorts.next());
      HAKIT_PORTS.put(name, FreePorts.next());
    }
    HAPROXY_PORTS.put("listen", FreePorts.next());
    HAKIT_PORTS.put("listen", FreePorts.next());
    haproxyLog = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    hakitLog = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    haproxyLog.socket().setSoTimeout(200);
    hakitLog.socket().setSoTimeout(200);
    dir = Files.createTempDirectory("hakit-cookie-");
    String first = SCENARIOS.keySet().iterator().next();
    haproxy = new HaproxyProcess(config(HAPROXY_PORTS, port(haproxyLog), dead, dir.resolve("haproxy.sock")),
        HAPROXY_PORTS.get(first));
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(HAKIT_PORTS, port(hakitLog), dead,
        dir.resolve("hakit.sock"))).model(), HAKIT_PORTS.get(first), TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    List<AutoCloseable> all = new ArrayList<>(List.of());
    all.add(hakit);
    all.add(haproxy);
    all.add(haproxyLog);
    all.add(hakitLog);
    all.addAll(origins);
    for (AutoCloseable c : all) {
      if (c != null) {
        c.close();
      }
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static int port(DatagramChannel ch) throws IOException {
    return ((InetSocketAddress) ch.getLocalAddress()).getPort();
  }

  // ---------------------------------------------------------------- scenarios

  @Test
  void insertIndirectNocache_sameServersCookiesAndFlagsAsHaproxy() throws Exception {
    String etag = "x-r: ETag: \"v1\"";
    same("ins");
    same("ins");
    // s3 has no cookie value: the client is told to drop its cookie.
    same("ins");
    same("ins", "Cookie: SRV=c2");
    same("ins", "Cookie: a=1; SRV=c1; b=2");
    same("ins", "Cookie: x=1; SRV=c2; y=2, SRV=c1, z=3");
    same("ins", "Cookie: SRV=c1", "Cookie: other=1");
    same("ins", "Cookie: $Version=1; SRV=c2; $Path=/");
    same("ins", "Cookie: SRV=zz");
    same("ins", "Cookie: SRV=");
    same("ins", "Cookie: SRV = c1 ; a = b");
    // The server's own cookie of that name is removed; nocache marks cacheable answers private.
    same("ins", "x-r: Set-Cookie: SRV=mine; path=/", "x-r: Set-Cookie: other=1");
    same("ins", "Cookie: SRV=c1", "x-r: Set-Cookie: SRV=mine; path=/", etag);
    same("ins", etag);
    same("ins", "x-r: Cache-Control: max-age=60");
    same("ins", "x-r: Cache-Control: max-age=0", etag);
    same("ins", "x-r: Cache-Control: public");
    same("ins", "x-r: Pragma: no-cache", etag);
    same("ins", "x-status: 302", etag);
    same("ins", "x-status: 404", etag);
    sameMethod("ins", "POST", etag);
    sameMethod("ins", "OPTIONS", etag);
    // A request the cookie sends to its server is not a balancer pick (lbtot).
    sameStats("b_ins");
  }

  @Test
  void keepAlive_eachRequestItsOwnCookieDecision_sameAsHaproxy() throws Exception {
    List<String> requests = List.of(
        "GET /a HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /b HTTP/1.1\r\nHost: t\r\nCookie: SRV=c2\r\n\r\n",
        "GET /c HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /d HTTP/1.1\r\nHost: t\r\nCookie: SRV=c1; k=v\r\n\r\n");
    List<String> a = keepAlive(HAPROXY_PORTS.get("rw"), requests);
    List<String> b = keepAlive(HAKIT_PORTS.get("rw"), requests);
    assertThat(b).isEqualTo(a);
    for (int i = 0; i < requests.size(); i++) {
      assertThat(logLine(hakitLog, "HAKit")).as("log line of keep-alive request " + i)
          .isEqualTo(logLine(haproxyLog, "haproxy"));
    }
  }

  @Test
  void insertAttributesPostonlyPreserve_sameAsHaproxy() throws Exception {
    same("plain");
    same("plain", "Cookie: SRV=c1");
    same("plain", "Cookie: SRV=c2", "x-r: Set-Cookie: SRV=x; path=/", "x-r: Set-Cookie: o=1");
    same("post");
    sameMethod("post", "POST");
    sameMethod("post", "POST", "x-r: Set-Cookie: SRV=logout; Max-Age=0");
    sameMethod("post", "POST", "Cookie: SRV=c1");
  }

  @Test
  void rewriteAndPrefix_sameServerCookiesAsHaproxy() throws Exception {
    same("rw");
    same("rw", "x-r: Set-Cookie: SRV=x; path=/");
    same("rw", "Cookie: SRV=c2", "x-r: Set-Cookie: SRV=x; path=/");
    same("rw", "Cookie: SRV=c2;SRV=c1");
    same("rw", "Cookie: SRV=zz", "x-r: Set-Cookie: SRV=; path=/");
    same("rw", "x-r: Set-Cookie:  SRV = spaced ; path=/");
    same("pfx");
    same("pfx", "x-r: Set-Cookie: JS=abc; path=/");
    same("pfx", "Cookie: JS=c2~abc; o=1", "x-r: Set-Cookie: JS=def; path=/", "x-r: Set-Cookie: other=1");
    same("pfx", "Cookie: JS=zz~abc");
    same("pfx", "Cookie: JS=abc");
    same("pfx", "Cookie: JS=c2");
    same("pfx", "Cookie: JS=c1~a~b, JS=c2~x");
    same("passive", "Cookie: SRV=c2", "x-r: Set-Cookie: SRV=x");
    same("passive");
  }

  @Test
  void downServer_withAndWithoutPersistAndRedispatch_sameAsHaproxy() throws Exception {
    // Ignored (balanced again, new cookie) without option persist ...
    same("down", "Cookie: SRV=c2");
    same("down", "Cookie: SRV=c2; SRV=zz");
    same("down", "Cookie: SRV=c1; SRV=c2");
    // ... followed (to a server in maintenance that answers) with it ...
    same("persist", "Cookie: SRV=c2");
    same("persist", "Cookie: SRV=c1");
    // ... and when the DOWN server refuses: 503 after the retries, or redispatched and a new cookie.
    same("dead", "Cookie: SRV=c2");
    same("redispatch", "Cookie: SRV=c2; a=b");
    same("redispatch");
    sameStats("b_redispatch");
    sameStats("b_persist");
  }

  @Test
  void listen_answeredByItsFrontendHalf_sameFlagsAsHaproxy() throws Exception {
    for (String path : List.of("/d", "/r", "/ret", "/")) {
      sameRequest("listen", "GET", path);
      sameRequest("listen", "GET", path, "Cookie: SRV=c2");
    }
  }

  @Test
  void maxidleMaxlife_sameDatesAndFlagsAsHaproxy() throws Exception {
    same("dates");
    same("dates", "Cookie: SRV=c2");
    same("dates", "Cookie: SRV=c2|AAAAA");
    // Dates from 1970: too old for maxlife, the cookie is ignored.
    same("dates", "Cookie: SRV=c2|AAAAB|AAAAB");
    same("dates", "Cookie: SRV=c2; SRV=c1|AAAAB|AAAAB");
  }

  // ---------------------------------------------------------------- comparison

  private static void same(String scenario, String... headers) throws Exception {
    sameMethod(scenario, "GET", headers);
  }

  private static void sameMethod(String scenario, String method, String... headers) throws Exception {
    sameRequest(scenario, method, "/" + scenario, headers);
  }

  private static void sameRequest(String scenario, String method, String path, String... headers) throws Exception {
    StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: test\r\n");
    for (String h : headers) {
      req.append(h).append("\r\n");
    }
    if (method.equals("POST")) {
      req.append("Content-Length: 0\r\n");
    }
    req.append("Connection: close\r\n\r\n");
    String a = exchange(HAPROXY_PORTS.get(scenario), req.toString());
    String lineA = logLine(haproxyLog, "haproxy");
    String b = exchange(HAKIT_PORTS.get(scenario), req.toString());
    String lineB = logLine(hakitLog, "HAKit");
    String what = scenario + " " + method + " " + List.of(headers);
    assertThat(mask(b)).as("response to " + what).isEqualTo(mask(a));
    // HAKit's %rc does not show haproxy's "+" for a redispatch (a log-format matter, not cookies).
    assertThat(mask(lineB)).as("log line of " + what).isEqualTo(mask(lineA).replaceFirst(" \\+(\\d+) ", " $1 "));
  }

  /** The sessions, balancer picks (lbtot) and redispatches of a backend's servers in {@code show stat}. */
  private static void sameStats(String backend) throws Exception {
    String a = CliClient.exchange(dir.resolve("haproxy.sock"), "show stat\n");
    String b = hakit.proxy.runtimeCommand("show stat");
    assertThat(columns(b, backend)).as("show stat of " + backend).isEqualTo(columns(a, backend))
        .isNotEmpty();
  }

  private static List<String> columns(String csv, String backend) {
    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).substring(2).split(","));
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.split(",", -1);
      if (f[0].equals(backend)) {
        out.add(f[1] + " stot=" + f[header.indexOf("stot")] + " lbtot=" + f[header.indexOf("lbtot")]
            + " wredis=" + f[header.indexOf("wredis")]);
      }
    }
    return out;
  }

  /** Sends requests one after the other on one connection; returns each response. */
  private static List<String> keepAlive(int port, List<String> requests) throws IOException {
    List<String> out = new ArrayList<>();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      for (String r : requests) {
        s.getOutputStream().write(r.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
          int c = in.read();
          if (c < 0) {
            throw new IOException("closed after " + head);
          }
          head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        out.add(head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  /** Inserted cookie dates (4-second steps) may straddle a step between the two runs. */
  private static String mask(String s) {
    return s.replaceAll("\\|[A-Za-z0-9+/]{5}", "|DATE");
  }

  /** Sends one request and reads the whole answer until the proxy closes (the request says close). */
  private static String exchange(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The next access-log datagram, within 10 s. */
  private static String logLine(DatagramChannel ch, String who) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    byte[] data = new byte[4096];
    while (System.nanoTime() < deadline) {
      DatagramPacket p = new DatagramPacket(data, data.length);
      try {
        ch.socket().receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      }
      return new String(data, 0, p.getLength(), StandardCharsets.UTF_8).strip();
    }
    throw new AssertionError("no access-log line from " + who + " within 10 s");
  }
}
