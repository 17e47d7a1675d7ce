package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code show stat} of the real haproxy 2.6 and of HAKit, running the same file (stats socket,
 * stats page) in front of the same origins and given the same traffic: the same header, rows,
 * columns present, and the same deterministic counters; {@code disable server} and {@code set
 * server weight} steer both the same way.
 */
@ExtendWith(LeakGuard.class)
@Timeout(120)
class StatsDifferentialIT {
  private static Path dir;
  private static TestOrigin stat;
  private static TestOrigin app1;
  private static TestOrigin app2;
  /** Answers after {@link #SLOW_MILLIS}: a server whose response time the averages must see. */
  private static TestOrigin slow;
  private static final int SLOW_MILLIS = 50;
  /** Answers with a malformed header name, which both proxies refuse (502) and capture. */
  private static TestOrigin junk;
  /** Holds each response until the test releases it: a request stays in progress meanwhile. */
  private static TestOrigin hold;
  private static volatile java.util.concurrent.CountDownLatch holdRelease = new java.util.concurrent.CountDownLatch(0);
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static final Map<String, int[]> PORTS = new LinkedHashMap<>();

  /** main (port[0]), the stats listen (port[1]), a TCP listen (port[2]); the socket is {@code dir/<name>.sock}. */
  static String config(String name, int[] ports) {
    return String.join("\n",
        "global",
        "    maxconn 4000",
        "    stats socket " + dir.resolve(name + ".sock") + " mode 600 level admin",
        "defaults",
        "    mode http",
        "    option http-server-close",
        "    option redispatch",
        "    retries 3",
        "    timeout connect 2s",
        "    timeout client 10s",
        "    timeout server 10s",
        "    timeout check 2s",
        "frontend main",
        "    bind 127.0.0.1:" + ports[0],
        "    maxconn 3000",
        "    acl url_static path_beg -i /static",
        "    use_backend static if url_static",
        "    use_backend slow if { path_beg /slow }",
        "    use_backend junk if { path_beg /junk }",
        "    use_backend hold if { path_beg /hold }",
        "    default_backend app",
        "backend static",
        "    server static 127.0.0.1:" + stat.port() + " check inter 300",
        "backend hold",
        "    server hold1 127.0.0.1:" + hold.port(),
        "backend junk",
        "    server junk1 127.0.0.1:" + junk.port(),
        "backend slow",
        "    server slow1 127.0.0.1:" + slow.port(),
        "backend app",
        "    balance roundrobin",
        "    server app1 127.0.0.1:" + app1.port(),
        "    server app2 127.0.0.1:" + app2.port(),
        "listen st",
        "    bind 127.0.0.1:" + ports[1],
        "    maxconn 100",
        "    stats enable",
        "    stats uri /stats",
        "listen tcpx",
        "    mode tcp",
        "    bind 127.0.0.1:" + ports[2],
        "    server t1 127.0.0.1:" + app1.port(),
        "");
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    dir = Files.createTempDirectory(Path.of("/tmp"), "hkd");
    stat = TestOrigin.start("static");
    app1 = TestOrigin.start("app1");
    app2 = TestOrigin.start("app2");
    slow = TestOrigin.start("slow");
    junk = TestOrigin.start("junk");
    hold = TestOrigin.start("hold");
    hold.respondWith(r -> {
      try {
        // Bounded: a test that fails before releasing cannot hang the origin.
        holdRelease.await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(
          java.nio.charset.StandardCharsets.ISO_8859_1);
    });
    junk.respondWith(r -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nBad Header: x\r\n\r\n".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1));
    slow.respondWith(r -> {
      try {
        // The server's own latency (what rtime measures), not a wait for anything.
        Thread.sleep(SLOW_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(
          java.nio.charset.StandardCharsets.ISO_8859_1);
    });
    PORTS.put("haproxy", new int[] {FreePorts.next(), FreePorts.next(), FreePorts.next()});
    PORTS.put("hakit", new int[] {FreePorts.next(), FreePorts.next(), FreePorts.next()});
    haproxy = new HaproxyProcess(config("haproxy", PORTS.get("haproxy")), PORTS.get("haproxy")[0]);
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config("hakit", PORTS.get("hakit"))).model(),
        PORTS.get("hakit")[0], TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {hakit, haproxy, stat, app1, app2, slow, junk, hold}) {
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

  private static String cli(String who, String command) throws Exception {
    return CliClient.exchange(dir.resolve(who + ".sock"), command + "\n");
  }

  private static String request(String who, String raw) throws Exception {
    return RawClient.exchange(PORTS.get(who)[0], raw, 3000);
  }

  /**
   * The same traffic to one proxy: statuses 200 from both backends, a 400, a connection closed
   * without a request, a 503 with every app server down.
   */
  private static List<String> traffic(String who) throws Exception {
    List<String> statuses = new ArrayList<>();
    try (java.net.Socket empty = new java.net.Socket("127.0.0.1", PORTS.get(who)[0])) {
      statuses.add("connected " + empty.isConnected());
    }
    for (String path : List.of("/", "/a", "/static/x.css", "/b", "/static/y", "/c")) {
      statuses.add(request(who, "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").substring(0, 12));
    }
    statuses.add(request(who, "GET /bad path HTTP/1.1\r\nHost: t\r\n\r\n").substring(0, 12));
    cli(who, "disable server app/app1; disable server app/app2");
    statuses.add(request(who, "GET /none HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").substring(0, 12));
    cli(who, "enable server app/app1; enable server app/app2");
    // An HTTP request relayed as bytes by the TCP listen (the server closes after answering).
    statuses.add(RawClient.exchange(PORTS.get(who)[2], "GET /t HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        3000).substring(0, 12));
    return statuses;
  }

  private static void awaitChecked(String who) throws Exception {
    Await.until(who + " checked static", Duration.ofSeconds(10), () -> {
      try {
        return StatsSocketTest.column(cli(who, "show stat"), "static", "static", "check_status").equals("L4OK");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  /** Rows by pxname/svname, each column by name. */
  private static Map<String, Map<String, String>> rows(String csv) {
    String[] lines = csv.split("\n");
    String[] header = lines[0].substring(2).split(",", -1);
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] v = lines[i].split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.length; c++) {
        row.put(header[c], v[c]);
      }
      out.put(v[0] + "/" + v[1], row);
    }
    return out;
  }

  @Test
  void showStat_sameTraffic_sameHeaderRowsColumnsAndCounters() throws Exception {
    awaitChecked("haproxy");
    awaitChecked("hakit");
    Map<String, Map<String, String>> wantBefore = rows(cli("haproxy", "show stat"));
    Map<String, Map<String, String>> gotBefore = rows(cli("hakit", "show stat"));
    assertThat(traffic("hakit")).isEqualTo(traffic("haproxy"));
    // The empty connection is counted once its close is seen; give both the same moment.
    Await.until("both counted the empty connection", Duration.ofSeconds(5), () -> {
      try {
        return !rows(cli("haproxy", "show stat")).get("main/FRONTEND").get("ereq")
            .equals(wantBefore.get("main/FRONTEND").get("ereq"))
            && !rows(cli("hakit", "show stat")).get("main/FRONTEND").get("ereq")
                .equals(gotBefore.get("main/FRONTEND").get("ereq"))
            && rows(cli("haproxy", "show stat")).get("tcpx/FRONTEND").get("scur").equals("0")
            && rows(cli("hakit", "show stat")).get("tcpx/FRONTEND").get("scur").equals("0");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    String expected = cli("haproxy", "show stat");
    String actual = cli("hakit", "show stat");
    assertThat(actual.lines().findFirst()).isEqualTo(expected.lines().findFirst());
    Map<String, Map<String, String>> want = rows(expected);
    Map<String, Map<String, String>> got = rows(actual);
    assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
    // Counters compare by what the traffic added (haproxy also counted its readiness probe).
    List<String> counters = List.of("bin", "bout", "stot", "req_tot", "conn_tot", "hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx",
        "hrsp_5xx", "hrsp_other", "ereq", "lbtot", "econ", "wretr", "wredis", "cli_abrt", "srv_abrt", "chkdown");
    List<String> states = List.of("status", "weight", "act", "bck", "uweight", "check_status", "check_rise",
        "check_fall", "check_health", "addr", "mode", "algo", "slim", "iid", "sid", "type", "pid", "qcur", "scur");
    List<String> differences = new ArrayList<>();
    for (var e : want.entrySet()) {
      Map<String, String> g = got.get(e.getKey());
      for (var c : e.getValue().entrySet()) {
        String column = c.getKey();
        String h = c.getValue();
        String k = g.get(column);
        boolean differs = h.isEmpty() != k.isEmpty() || (states.contains(column) && !h.equals(k))
            || (counters.contains(column) && !h.isEmpty() && Long.parseLong(h)
                - Long.parseLong(wantBefore.get(e.getKey()).get(column)) != Long.parseLong(k)
                - Long.parseLong(gotBefore.get(e.getKey()).get(column)));
        if (differs) {
          differences.add(e.getKey() + " " + column + ": haproxy='" + h + "' (was "
              + wantBefore.get(e.getKey()).get(column) + ") hakit='" + k + "' (was "
              + gotBefore.get(e.getKey()).get(column) + ")");
        }
      }
    }
    assertThat(differences).as("haproxy:\n%s\nhakit:\n%s", expected, actual).isEmpty();
  }

  /**
   * Rates and phase times are not deterministic, so both proxies' values are checked for being
   * plausible for the same traffic (five requests to a server answering after {@value #SLOW_MILLIS}
   * ms): the same counts, maxima within what was sent, times at least the server's latency and at
   * most the wall time the requests took.
   */
  @Test
  void showStat_slowServer_ratesAndTimesPlausibleInBoth() throws Exception {
    for (String who : List.of("haproxy", "hakit")) {
      Map<String, Map<String, String>> before = rows(cli(who, "show stat"));
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        assertThat(request(who, "GET /slow/" + i + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"))
            .as(who).startsWith("HTTP/1.1 200");
      }
      long lastRequestDone = System.nanoTime();
      long wallMillis = (lastRequestDone - start) / 1_000_000 + 1;
      Map<String, Map<String, String>> after = rows(cli(who, "show stat"));
      boolean withinTheSecond = System.nanoTime() - lastRequestDone < 900_000_000L;
      for (String row : List.of("slow/slow1", "slow/BACKEND")) {
        Map<String, String> r = after.get(row);
        String what = who + " " + row + " " + r;
        assertThat(num(r, "stot") - num(before.get(row), "stot")).as(what).isEqualTo(5);
        assertThat(num(r, "rate_max")).as(what).isBetween(1L, 5L);
        if (withinTheSecond) {
          assertThat(num(r, "rate")).as(what).isBetween(1L, 5L);
        }
        // haproxy's first averages read low (42 ms seen for 50 ms answers): half the latency at least.
        assertThat(num(r, "rtime")).as(what).isBetween((long) SLOW_MILLIS / 2, wallMillis);
        assertThat(num(r, "rtime_max")).as(what).isBetween(num(r, "rtime"), wallMillis);
        assertThat(num(r, "ttime")).as(what).isBetween(num(r, "rtime"), wallMillis);
        assertThat(num(r, "ttime_max")).as(what).isBetween(num(r, "ttime"), wallMillis);
        assertThat(num(r, "ctime")).as(what).isBetween(0L, num(r, "ctime_max"));
        assertThat(num(r, "ctime_max")).as(what).isLessThanOrEqualTo(wallMillis);
        // Nothing waits in a queue here: at most the moment of picking a server, far below its latency.
        assertThat(num(r, "qtime")).as(what).isBetween(0L, num(r, "qtime_max"));
        assertThat(num(r, "qtime_max")).as(what).isLessThan(SLOW_MILLIS / 2);
      }
      Map<String, String> fe = after.get("main/FRONTEND");
      String what = who + " main/FRONTEND " + fe;
      for (String max : List.of("rate_max", "req_rate_max", "conn_rate_max")) {
        assertThat(num(fe, max)).as(what + " " + max).isGreaterThanOrEqualTo(1);
      }
      if (withinTheSecond) {
        // The sliding estimate may exceed the busiest whole period: bounded by what was sent.
        assertThat(num(fe, "req_rate")).as(what).isBetween(1L, num(fe, "req_tot"));
        assertThat(num(fe, "conn_rate")).as(what).isBetween(1L, num(fe, "conn_tot"));
      }
    }
  }

  private static long num(Map<String, String> row, String column) {
    return Long.parseLong(row.get(column));
  }

  /** {@code show stat typed} by field: {@code F.2.0.4.scur} to its tags and type ({@code MGP:u32}). */
  private static Map<String, String> typedTags(String typed) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String line : typed.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(":", 4);
      assertThat(f).as(line).hasSize(4);
      out.put(f[0].substring(0, f[0].lastIndexOf('.')), f[1] + ":" + f[2]);
    }
    return out;
  }

  /** The fields of {@code show stat json}, each as objType/proxyId/id/pos/name/tags/type (values left out). */
  private static List<String> jsonFields(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"objType\":\"(\\w+)\",\"proxyId\":(\\d+),\"id\":(\\d+),"
        + "\"field\":\\{\"pos\":(\\d+),\"name\":\"([\\w-]+)\"\\},\"processNum\":1,\"tags\":\\{\"origin\":\"(\\w+)\","
        + "\"nature\":\"(\\w+)\",\"scope\":\"(\\w+)\"\\},\"value\":\\{\"type\":\"(\\w+)\",\"value\":").matcher(json);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      StringBuilder key = new StringBuilder();
      for (int g = 1; g <= m.groupCount(); g++) {
        key.append(m.group(g)).append(' ');
      }
      out.add(key.toString().trim());
    }
    return out;
  }

  @Test
  void showStatTypedAndJson_sameFieldsTagsAndTypesAsHaproxy() throws Exception {
    Map<String, String> want = typedTags(cli("haproxy", "show stat typed"));
    Map<String, String> got = typedTags(cli("hakit", "show stat typed"));
    assertThat(want).hasSizeGreaterThan(100);
    List<String> differences = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(java.util.Set.copyOf(want.keySet()))) {
      if (!want.get(key).equals(got.get(key))) {
        differences.add(key + ": haproxy " + want.get(key) + ", hakit " + got.get(key));
      }
    }
    got.keySet().stream().filter(k -> !want.containsKey(k)).forEach(k -> differences.add(k + ": only hakit"));
    assertThat(differences).isEmpty();
    String wantJson = cli("haproxy", "show stat json");
    String gotJson = cli("hakit", "show stat json");
    assertThat(gotJson).startsWith("[[{").endsWith("}]]\n\n");
    List<String> wantFields = jsonFields(wantJson);
    assertThat(wantFields).hasSize(want.size());
    assertThat(jsonFields(gotJson)).containsExactlyElementsOf(wantFields);
    // The filters select the same rows in every form: backends of every proxy, then one server.
    assertThat(typedTags(cli("hakit", "show stat -1 2 -1 typed")).keySet())
        .isEqualTo(typedTags(cli("haproxy", "show stat -1 2 -1 typed")).keySet()).allMatch(k -> k.startsWith("B."));
    assertThat(typedTags(cli("hakit", "show stat app 4 2 typed")).keySet())
        .isEqualTo(typedTags(cli("haproxy", "show stat app 4 2 typed")).keySet()).isNotEmpty();
    assertThat(jsonFields(cli("hakit", "show stat 3 4 -1 json")))
        .containsExactlyElementsOf(jsonFields(cli("haproxy", "show stat 3 4 -1 json"))).isNotEmpty();
    for (String cmd : List.of("show stat typed app 4 2", "show stat nope 1 -1", "show stat app x 1 typed")) {
      assertThat(cli("hakit", cmd)).as(cmd).isEqualTo(cli("haproxy", cmd));
    }
  }

  @Test
  void setServerAddr_sameAnswersAndTrafficFollowsTheNewAddress() throws Exception {
    String app1Addr = "127.0.0.1 port " + app1.port();
    List<String> commands = List.of("set server app/app1 addr", "set server app/app1 addr localhost",
        "set server app/app1 addr 127.0.0.1", "set server app/app1 addr 127.0.0.1 port " + app1.port(),
        "set server app/app1 addr 127.0.0.1 port x", "set server app/app1 addr ::1 port " + app1.port(),
        "set server app/app1 addr 127.0.0.1 port " + app2.port());
    try {
      for (String who : List.of("haproxy", "hakit")) {
        cli(who, "set server app/app1 addr " + app1Addr);
      }
      for (String cmd : commands) {
        assertThat(cli("hakit", cmd)).as(cmd).isEqualTo(cli("haproxy", cmd));
      }
      for (String who : List.of("haproxy", "hakit")) {
        assertThat(rows(cli(who, "show stat")).get("app/app1").get("addr")).as(who)
            .isEqualTo("127.0.0.1:" + app2.port());
        assertThat(serversState(who)).as(who).anyMatch(l -> l.contains(" app1 127.0.0.1 ") && l.contains(" " + app2.port() + " "));
        app1.clear();
        app2.clear();
        for (int i = 0; i < 4; i++) {
          assertThat(request(who, "GET /moved HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
        // Both servers of the backend now reach the app2 origin.
        assertThat(app1.receivedCount()).as(who).isZero();
        assertThat(app2.receivedCount()).as(who).isEqualTo(4);
      }
    } finally {
      for (String who : List.of("haproxy", "hakit")) {
        cli(who, "set server app/app1 addr " + app1Addr);
      }
    }
  }

  /** show errors with what differs by nature masked: dates, client ports, event numbers, HAProxy's H1 internals. */
  private static String maskErrors(String text) {
    return text.replaceAll("\\[\\d\\d/\\w{3}/\\d{4}:[\\d:.]+\\]", "[DATE]").replaceAll("src [^\\n]*", "src SRC")
        .replaceAll("event #\\d+", "event #N").replaceAll("(Total events captured on \\[DATE\\]) : \\d+", "$1 : N")
        .replaceAll("(?m)^  H1 [^\\n]*\\n", "");
  }

  @Test
  void showErrors_malformedRequests_sameCaptureAsHaproxy() throws Exception {
    String longTarget = "/very/long/path/" + "a".repeat(100) + "?x=1";
    List<String> bad = List.of("GET /bad path HTTP/1.1\r\nHost: t\r\nX: y\r\n\r\n",
        "GET " + longTarget + " HTTP/1.1\r\nHost: t\r\nBad Header: y\r\nZ: \u0001\u00ff\t\r\n\r\n");
    for (String raw : bad) {
      List<String> captures = new ArrayList<>();
      for (String who : List.of("haproxy", "hakit")) {
        assertThat(request(who, raw)).as(who).startsWith("HTTP/1.1 400");
        String out = cli(who, "show errors main request");
        assertThat(out).as(who).contains("frontend main (#2): invalid request");
        captures.add(maskErrors(out));
      }
      assertThat(captures.get(1)).isEqualTo(captures.get(0));
    }
    List<String> responses = new ArrayList<>();
    for (String who : List.of("haproxy", "hakit")) {
      assertThat(request(who, "GET /junk HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).as(who)
          .startsWith("HTTP/1.1 502");
      String out = cli(who, "show errors junk response");
      assertThat(out).as(who).contains("backend junk (#", "): invalid response\n  frontend main (#2), server junk1 (#1)");
      responses.add(maskErrors(out));
      // Listed under the frontend the request came through as well.
      assertThat(cli(who, "show errors main response")).as(who).contains("backend junk (#");
    }
    assertThat(responses.get(1)).isEqualTo(responses.get(0));
    for (String cmd : List.of("show errors nope", "show errors static response", "user; show errors")) {
      assertThat(maskErrors(cli("hakit", cmd))).as(cmd).isEqualTo(maskErrors(cli("haproxy", cmd)));
    }
  }

  /** show sess lines reduced to what both print alike: proto, src (port masked), fe, be, srv, ts; sorted. */
  private static List<String> sessions(String who) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : cli(who, "show sess").split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      assertThat(line).as(who).matches("0x[0-9a-f]+: proto=\\S+ src=\\S+ fe=\\S+ be=\\S+ srv=\\S+ ts=\\d+ .*age=\\d+[smhd].*");
      List<String> kept = new ArrayList<>();
      for (String field : line.split(" ")) {
        if (field.matches("(proto|fe|be|srv|ts)=.*")) {
          kept.add(field);
        } else if (field.startsWith("src=")) {
          kept.add(field.replaceAll(":\\d+$", ":PORT"));
        }
      }
      out.add(String.join(" ", kept));
    }
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void showSess_tcpConnectionsAndAPartialRequest_listedLikeHaproxy() throws Exception {
    List<List<String>> seen = new ArrayList<>();
    for (String who : List.of("haproxy", "hakit")) {
      try (java.net.Socket t1 = new java.net.Socket("127.0.0.1", PORTS.get(who)[2]);
          java.net.Socket t2 = new java.net.Socket("127.0.0.1", PORTS.get(who)[2]);
          java.net.Socket partial = new java.net.Socket("127.0.0.1", PORTS.get(who)[0])) {
        assertThat(t1.isConnected() && t2.isConnected()).isTrue();
        // An HTTP request whose head is not complete: no stream yet in haproxy 2.6.
        partial.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        partial.getOutputStream().flush();
        Await.until(who + " lists both TCP connections", Duration.ofSeconds(5), () -> {
          try {
            return sessions(who).stream().filter(l -> l.contains("fe=tcpx")).count() == 2;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
        seen.add(sessions(who));
      }
    }
    assertThat(seen.get(0)).contains("proto=unix_stream src=unix:PORT fe=GLOBAL be=<NONE> srv=<none> ts=00",
        "proto=tcpv4 src=127.0.0.1:PORT fe=tcpx be=tcpx srv=t1 ts=00").noneMatch(l -> l.contains("fe=main"));
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
    assertThat(cli("hakit", "show sess 0x1")).isEqualTo(cli("haproxy", "show sess 0x1"));
    // An HTTP request waiting for its server is a stream of the frontend, with its backend and server.
    List<List<String>> httpSeen = new ArrayList<>();
    for (String who : List.of("haproxy", "hakit")) {
      holdRelease = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return request(who, "GET /hold HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      try {
        Await.until(who + " lists the request in progress", Duration.ofSeconds(5), () -> {
          try {
            return sessions(who).stream().anyMatch(l -> l.contains("fe=main"));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
        httpSeen.add(sessions(who));
      } finally {
        holdRelease.countDown();
      }
      assertThat(answer.get(5, java.util.concurrent.TimeUnit.SECONDS)).as(who).startsWith("HTTP/1.1 200");
    }
    assertThat(httpSeen.get(0)).contains("proto=tcpv4 src=127.0.0.1:PORT fe=main be=hold srv=hold1 ts=00");
    assertThat(httpSeen.get(1)).isEqualTo(httpSeen.get(0));
    assertThat(cli("hakit", "user; show sess")).isEqualTo(cli("haproxy", "user; show sess"));
  }

  @Test
  void pageCsv_sameHeaderAndRowsAsHaproxy() throws Exception {
    List<String> pages = new ArrayList<>();
    for (String who : List.of("haproxy", "hakit")) {
      String csv = RawClient.exchange(PORTS.get(who)[1], "GET /stats;csv HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
          3000);
      assertThat(csv).startsWith("HTTP/1.1 200 OK\r\n");
      pages.add(body(csv));
      String html = RawClient.exchange(PORTS.get(who)[1], "GET /stats HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
          3000);
      assertThat(html).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("content-type: text/html")
          .contains(">app1<", ">app2<");
    }
    assertThat(pages.get(1).lines().findFirst()).isEqualTo(pages.get(0).lines().findFirst());
    assertThat(rows(pages.get(1)).keySet()).containsExactlyElementsOf(rows(pages.get(0)).keySet());
    assertThat(rows(pages.get(1)).get("app/app1").get("addr"))
        .isEqualTo(rows(pages.get(0)).get("app/app1").get("addr"));
  }

  /** The body of a raw response, de-chunked (haproxy streams the page chunked). */
  private static String body(String response) {
    int at = response.indexOf("\r\n\r\n") + 4;
    if (!response.substring(0, at).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      return response.substring(at);
    }
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < 10_000; n++) {
      int eol = response.indexOf("\r\n", at);
      int size = Integer.parseInt(response.substring(at, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(response, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    throw new AssertionError("too many chunks");
  }

  @Test
  void setServerWeight_zero_bothSendEverythingToTheOther() throws Exception {
    for (String who : List.of("haproxy", "hakit")) {
      assertThat(cli(who, "set server app/app1 weight 0; get weight app/app1")).isEqualTo("\n0 (initial 1)\n\n");
      app1.clear();
      app2.clear();
      for (int i = 0; i < 4; i++) {
        assertThat(request(who, "GET /w HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
      }
      assertThat(app1.receivedCount()).as(who).isZero();
      assertThat(app2.receivedCount()).as(who).isEqualTo(4);
      cli(who, "set server app/app1 weight 1");
    }
  }

  /** show servers state with the seconds since the last change masked (the two started apart). */
  private static List<String> serversState(String who) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : cli(who, "show servers state").split("\n")) {
      String[] f = line.split(" ");
      if (f.length > 10 && !line.startsWith("#")) {
        f[9] = "T";
      }
      out.add(String.join(" ", f));
    }
    return out;
  }

  @Test
  void showServersState_drainAndMaint_sameAsHaproxy() throws Exception {
    awaitChecked("haproxy");
    awaitChecked("hakit");
    for (String who : List.of("haproxy", "hakit")) {
      cli(who, "set server app/app1 state drain; set server app/app2 state maint");
    }
    try {
      assertSameServersState(lines -> lines);
    } finally {
      for (String who : List.of("haproxy", "hakit")) {
        cli(who, "set server app/app1 state ready; set server app/app2 state ready");
      }
    }
    // Back to ready: HAProxy leaves an unchecked server's check health at the 0 that maintenance
    // set (a leftover nobody reads); HAKit reports rise again. Everything else must agree.
    assertSameServersState(StatsDifferentialIT::maskHealth);
  }

  /**
   * Both proxies' {@code show servers state}, compared once neither is caught in the middle of a
   * health check (the static server is checked every 300 ms; a check in flight shows as result 0
   * and an extra state bit in one snapshot): equal within 3 s, else the last pair is compared.
   */
  private static void assertSameServersState(java.util.function.UnaryOperator<List<String>> view) throws Exception {
    // Unequal until both are read: a failed read can never pass the final assertion.
    List<List<String>> last = new ArrayList<>(List.of(List.of("hakit not read"), List.of("haproxy not read")));
    try {
      Await.until("the same show servers state from both", Duration.ofSeconds(3), () -> {
        try {
          last.set(0, view.apply(serversState("hakit")));
          last.set(1, view.apply(serversState("haproxy")));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        return last.get(0).equals(last.get(1));
      });
    } catch (AssertionError timedOut) {
      // fall through: the assertion below shows the difference
    }
    assertThat(last.get(0)).isEqualTo(last.get(1));
  }

  private static List<String> maskHealth(List<String> lines) {
    return lines.stream().map(l -> {
      String[] f = l.split(" ");
      if (f.length > 12 && !l.startsWith("#")) {
        f[12] = "H";
      }
      return String.join(" ", f);
    }).toList();
  }

  @Test
  void levelDenied_sameWordingAsHaproxy() throws Exception {
    for (String cmd : List.of("user; disable server app/app1", "operator; set weight app/app1 2",
        "user; operator; show cli level", "user; clear counters", "operator; clear counters all",
        "get weight app/zz", "get weight zz/app1", "set server app/app1 state bogus", "show servers state zz")) {
      assertThat(cli("hakit", cmd)).as(cmd).isEqualTo(cli("haproxy", cmd));
    }
    String firstLine = "Unknown command. Please enter one of the following commands only:";
    assertThat(cli("haproxy", "")).startsWith(firstLine + "\n");
    assertThat(cli("hakit", "")).startsWith(firstLine + "\n").endsWith("\n\n");
  }
}
