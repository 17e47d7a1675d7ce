package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same configuration under {@code haproxy -db} (logging to stdout) and under HAKit (logging to
 * a UDP socket of the test, same line format), the same requests through both to the same origin,
 * one at a time: the log lines must agree field by field, but for what must differ (client ports,
 * dates, timers); the header values built by {@code http-request set-header} formats must be equal.
 * Also the byte counts of chunked messages, and which lines options log-separate-errors,
 * dontlog-normal and logasap write, at which level.
 */
@ExtendWith(LeakGuard.class)
class AccessLogDifferentialIT {
  private static TestOrigin origin;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static int[] haproxyPorts;
  private static int[] hakitPorts;
  /** HAKit's log target: its lines arrive here (HAProxy's on its stdout). */
  private static DatagramChannel hakitSyslog;
  private static final List<String> hakitLog = new ArrayList<>();

  static String config(int[] ports, int originPort, int deadPort, String logTarget) {
    return String.join("\n",
        "global",
        "    maxconn 100",
        "defaults",
        "    mode http",
        "    log " + logTarget + " format raw local0",
        "    timeout connect 5s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend fe_http",
        "    bind 127.0.0.1:" + ports[0],
        "    option httplog",
        "    capture request header Host len 20",
        "    capture request header User-Agent len 8",
        "    capture response header X-Resp len 30",
        "    capture cookie SID len 20",
        "    unique-id-format \"%{+X}o %ci_%[req.hdr(x-multi,1)]_%[method]\"",
        "    unique-id-header X-Unique-ID",
        "    http-request deny if { path_beg /deny }",
        "    http-request redirect location /new/%[path,word(2,/)]?from=%[src] code 302 if { path_beg /loc }",
        "    http-request redirect prefix /p%[req.hdr(x-pre)] if { path_beg /pre }",
        "    http-request return status 200 content-type text/plain lf-string \"hi %[src] %[method,lower]\""
            + " hdr X-A \"%[req.ver]\" hdr X-B plain if { path_beg /ret }",
        "    http-request set-header X-Echo \"%[src] %[req.hdr(host),lower] %[path,word(1,/)] %{+Q}HM %ft %b"
            + " %[query,upper] %[url,base64] %[req.hdr(x-multi,2)] %[capture.req.hdr(1),json] %ST %s\"",
        "    http-request add-header X-Added \"%%%[method,lower]-%[req.ver]-%[base,hex] %[unique-id]\"",
        "    http-request set-header X-Multi changed",
        "    default_backend be_app",
        "frontend fe_custom",
        "    bind 127.0.0.1:" + ports[1],
        "    capture request header Host len 20",
        "    capture response header X-Resp len 30",
        "    unique-id-format \"%{+X}o %ci_%[req.hdr(host),lower]_%[method]\"",
        "    log-format \"%ci %fi %f %b %s %si %ST %B %U %ts %tsc %hr %hrl %hs %hsl %CC %CS %{+Q}r %HM %HU %HP %HPO %HQ %HV"
            + " %ac/%fc/%bc/%sc/%rc %sq/%bq %[src] %[fe_name] %[be_name] %[srv_name] %[status] %[method]"
            + " %[capture.req.hdr(0),lower] %[capture.res.hdr(0),json] %{+Q}[capture.req.hdr(5)] %{+Q,+E}hr %ID %lc\"",
        "    http-request deny if { path_beg /deny }",
        "    default_backend be_app",
        "frontend fe_tcp",
        "    bind 127.0.0.1:" + ports[2],
        "    mode tcp",
        "    option tcplog",
        "    default_backend be_tcp",
        "frontend fe_bytes",
        "    bind 127.0.0.1:" + ports[3],
        "    log-format \"%B %U %ST %{+Q}r %ts\"",
        "    default_backend be_app",
        "frontend fe_levels",
        "    bind 127.0.0.1:" + ports[4],
        "    no log",
        "    log " + logTarget + " format priority local0",
        "    option log-separate-errors",
        "    option dontlog-normal",
        "    log-format \"%ST %ts %{+Q}r %rc\"",
        "    http-request deny if { path_beg /deny }",
        "    http-request return status 200 content-type text/plain string ok if { path_beg /ret }",
        "    use_backend be_dead if { path_beg /dead }",
        "    default_backend be_app",
        "frontend fe_asap",
        "    bind 127.0.0.1:" + ports[5],
        "    option logasap",
        "    log-format \"%ST %B %U %ts %{+Q}r %Ta|%Tt|%Tr\"",
        "    default_backend be_app",
        "frontend fe_tcp_asap",
        "    bind 127.0.0.1:" + ports[6],
        "    mode tcp",
        "    option tcplog",
        "    option logasap",
        "    default_backend be_tcp",
        "backend be_app",
        "    server s1 127.0.0.1:" + originPort,
        "backend be_dead",
        "    retries 0",
        "    server s1 127.0.0.1:" + deadPort,
        "backend be_tcp",
        "    mode tcp",
        "    server s1 127.0.0.1:" + originPort,
        "");
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    origin = TestOrigin.start("origin");
    origin.respondWith(AccessLogDifferentialIT::originResponse);
    haproxyPorts = ports(7);
    hakitPorts = ports(7);
    int deadPort = FreePorts.next();
    haproxy = new HaproxyProcess(config(haproxyPorts, origin.port(), deadPort, "stdout"), haproxyPorts[0]);
    hakitSyslog = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    hakitSyslog.configureBlocking(false);
    String target = "127.0.0.1:" + ((InetSocketAddress) hakitSyslog.getLocalAddress()).getPort();
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg",
        config(hakitPorts, origin.port(), deadPort, target)).model(), hakitPorts[0], TransportKind.AUTO);
  }

  private static int[] ports(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = FreePorts.next();
    }
    return p;
  }

  /**
   * Chunked responses (with a trailer), an interim 103 before the response, one without any
   * connection header, a 500, else a plain 200.
   */
  private static byte[] originResponse(TestOrigin.Received r) {
    String text;
    if (r.path().startsWith("/chunked")) {
      text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Pad: abc\r\n\r\n"
          + "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t1\r\n\r\n";
    } else if (r.path().startsWith("/early")) {
      text = "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    } else if (r.path().startsWith("/plain")) {
      text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    } else {
      String body = "hello " + r.path();
      int status = r.path().startsWith("/s500") ? 500 : 200;
      text = "HTTP/1.1 " + status + (status == 500 ? " Internal Server Error" : " OK") + "\r\nContent-Length: "
          + body.length() + "\r\nX-Resp: Resp\"Val{1}\r\nSet-Cookie: SID=abc; path=/\r\nConnection: close\r\n\r\n"
          + body;
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hakitSyslog != null) {
      hakitSyslog.close();
    }
    if (hakit != null) {
      hakit.close();
    }
    if (haproxy != null) {
      haproxy.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  private static List<String> haproxyLines() {
    List<String> out = new ArrayList<>();
    for (String l : haproxy.log().split("\n")) {
      if (!l.isBlank() && !l.startsWith("[") && !l.startsWith("   |")) {
        out.add(l);
      }
    }
    return out;
  }

  /** HAKit's lines so far: what its syslog socket holds is read first (at most 100 datagrams a call). */
  private static List<String> hakitLines() {
    synchronized (hakitLog) {
      ByteBuffer buf = ByteBuffer.allocate(4096);
      for (int i = 0; i < 100; i++) {
        buf.clear();
        try {
          if (hakitSyslog.receive(buf) == null) {
            break;
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        buf.flip();
        String line = StandardCharsets.UTF_8.decode(buf).toString();
        hakitLog.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
      }
      return new ArrayList<>(hakitLog);
    }
  }

  /**
   * Sends the same bytes to both, waits for one new line from each, and returns [haproxy line,
   * hakit line, haproxy response, hakit response].
   */
  private static String[] exchange(int index, String request) throws Exception {
    int before = haproxyLines().size();
    int beforeHakit = hakitLines().size();
    String a = oneResponse(haproxyPorts[index], request);
    String b = oneResponse(hakitPorts[index], request);
    assertThat(b.lines().findFirst().orElse("")).isEqualTo(a.lines().findFirst().orElse(""));
    Await.until("a log line from haproxy", Duration.ofSeconds(5), () -> haproxyLines().size() > before);
    Await.until("a log line from hakit", Duration.ofSeconds(5), () -> hakitLines().size() > beforeHakit);
    return new String[] {last(haproxyLines()), last(hakitLines()), a, b};
  }

  /**
   * Sends a request and reads one response: up to the end of its Content-Length body, or to the
   * close (TCP mode). Does not wait for a close the proxy may not do (HAKit keeps a connection
   * after a deny even with "Connection: close"; HAProxy closes it).
   */
  private static String oneResponse(int port, String request) throws Exception {
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      return oneResponse(s, request);
    }
  }

  private static String oneResponse(java.net.Socket s, String request) throws Exception {
    {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      java.io.InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
        String text = got.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        int cl = text.toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length: ");
        boolean chunked = text.toLowerCase(java.util.Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
        if (headEnd > 0 && chunked && text.endsWith("\r\n\r\n") && text.length() > headEnd + 4) {
          break;
        }
        if (headEnd > 0 && cl > 0 && cl < headEnd) {
          int value = Integer.parseInt(text.substring(cl + 18, text.indexOf("\r\n", cl + 2)).trim());
          if (text.length() >= headEnd + 4 + value) {
            break;
          }
        }
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static String last(List<String> l) {
    return l.get(l.size() - 1);
  }

  /** Client ports, dates and timers differ between two runs; everything else must not. */
  private static String masked(String line) {
    return line.replaceFirst("^(\\S+):\\d+ ", "$1:PORT ")
        .replaceAll("\\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\]", "[DATE]")
        .replaceFirst(" (-?\\d+/){4}-?\\d+ ", " TR/Tw/Tc/Tr/Ta ")
        .replaceFirst("^(\\S+ \\[DATE\\] \\S+ \\S+) (-?\\d+/){2}-?\\d+ ", "$1 Tw/Tc/Tt ");
  }

  /**
   * What HAProxy 2.6 counts in %B for an HTTP response: its internal form, where a header line
   * costs its name and value only (not ": " and CRLF).
   */
  private static int loggedBytes(String rawResponse) {
    int headEnd = rawResponse.indexOf("\r\n\r\n");
    int headers = rawResponse.substring(0, headEnd).split("\r\n", -1).length - 1;
    return rawResponse.length() - 4 * headers;
  }

  /**
   * Compares two lines field by field. For an answer the proxy made itself (deny, redirect,
   * return), %B (field {@code localBytesField}, 1-based) is checked against the bytes each proxy
   * sent, since their own error pages differ on the wire (HAProxy adds "connection: close"); for a
   * server's response it must be equal, like every other field.
   */
  private static void assertSameFields(String[] lines, int localBytesField) {
    int bytesField = localBytesField;
    String[] expected = masked(lines[0]).split(" ", -1);
    String[] actual = masked(lines[1]).split(" ", -1);
    if (bytesField > 0) {
      assertThat(expected[bytesField - 1]).as("haproxy %%B").isEqualTo(String.valueOf(loggedBytes(lines[2])));
      assertThat(actual[bytesField - 1]).as("hakit %%B of %s", lines[1]).isEqualTo(String.valueOf(loggedBytes(lines[3])));
      expected[bytesField - 1] = "B";
      actual[bytesField - 1] = "B";
    }
    for (int i = 0; i < Math.min(expected.length, actual.length); i++) {
      assertThat(actual[i]).as("field %d of\n haproxy: %s\n hakit:   %s", i + 1, lines[0], lines[1]).isEqualTo(expected[i]);
    }
    assertThat(actual.length).as("fields of\n haproxy: %s\n hakit:   %s", lines[0], lines[1]).isEqualTo(expected.length);
  }

  private static void assertSameOriginHeaders(Supplier<String> label) throws Exception {
    TestOrigin.Received viaHaproxy = origin.next();
    TestOrigin.Received viaHakit = origin.next();
    assertThat(viaHaproxy).as(label.get()).isNotNull();
    assertThat(viaHakit).as(label.get()).isNotNull();
    assertThat(viaHakit.header("x-echo")).as("X-Echo").isEqualTo(viaHaproxy.header("x-echo"));
    assertThat(viaHakit.header("x-added")).as("X-Added").isEqualTo(viaHaproxy.header("x-added"));
    assertThat(viaHakit.header("x-unique-id")).as("X-Unique-ID").isEqualTo(viaHaproxy.header("x-unique-id"))
        .isNotNull();
    assertThat(viaHakit.headers().stream().map(h -> h[0]).toList()).as("header order")
        .isEqualTo(viaHaproxy.headers().stream().map(h -> h[0]).toList());
  }

  @Test
  void httplog_captures_setHeaderFormats_sameAsHaproxy() throws Exception {
    origin.clear();
    String[] lines = exchange(0, "GET /a/b?c=d HTTP/1.1\r\nHost: Example.Test\r\nUser-Agent: Mo\"z{i}|#lla/5\r\n"
        + "X-Multi: a, b\r\nX-Multi: c\r\nCookie: other=1; SID=zz\r\nConnection: close\r\n\r\n");
    assertSameFields(lines, 0);
    assertThat(lines[1]).contains(" 1/1/0/0/0 0/0 ");
    assertSameOriginHeaders(() -> "request via both proxies");
  }

  @Test
  void httplog_twoRequestsOnOneConnection_eachLineSameAsHaproxy() throws Exception {
    String first = "GET /ka/1 HTTP/1.1\r\nHost: one.test\r\nUser-Agent: first\r\nCookie: SID=k1\r\n\r\n";
    String second = "GET /ka/2?z HTTP/1.1\r\nHost: two.test\r\nConnection: close\r\n\r\n";
    int before = haproxyLines().size();
    int beforeHakit = hakitLines().size();
    List<String> responses = new ArrayList<>();
    for (int port : new int[] {haproxyPorts[0], hakitPorts[0]}) {
      try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        responses.add(oneResponse(s, first));
        responses.add(oneResponse(s, second));
      }
    }
    Await.until("two lines from haproxy", Duration.ofSeconds(5), () -> haproxyLines().size() >= before + 2);
    Await.until("two lines from hakit", Duration.ofSeconds(5), () -> hakitLines().size() >= beforeHakit + 2);
    for (int i = 0; i < 2; i++) {
      assertSameFields(new String[] {haproxyLines().get(before + i), hakitLines().get(beforeHakit + i),
          responses.get(i), responses.get(2 + i)}, 0);
    }
    origin.clear();
  }

  @Test
  void httplog_deniedRequest_noServerSameAsHaproxy() throws Exception {
    String[] lines = exchange(0, "GET /deny/x HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n");
    assertSameFields(lines, 7);
    assertThat(lines[1]).contains(" 403 ").contains("<NOSRV>");
  }

  @Test
  void redirectAndReturn_withFormats_sameResponsesAndLines() throws Exception {
    for (String request : List.of("GET /loc/abc/def?x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /pre/a?b HTTP/1.1\r\nHost: x\r\nX-Pre: /zz\r\nConnection: close\r\n\r\n",
        "GET /ret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
      String[] lines = exchange(0, request);
      assertThat(lines[3]).as("response to %s", request).isEqualTo(lines[2]);
      assertSameFields(lines, 7);
    }
  }

  @Test
  void logFormat_variablesAndSamples_sameAsHaproxy() throws Exception {
    String[] lines = exchange(1, "POST /p/q/r?x=1&y=2 HTTP/1.1\r\nHost: Ex.Am-ple\r\nContent-Length: 5\r\n"
        + "Connection: close\r\n\r\nhello");
    assertSameFields(lines, 0);
    String[] denied = exchange(1, "GET /deny HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n");
    assertSameFields(denied, 8);
    origin.clear();
  }

  @Test
  void tcplog_sameAsHaproxy() throws Exception {
    String[] lines = exchange(2, "GET /tcp HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n");
    // TCP mode counts raw bytes, the same through both: compared as they are.
    assertSameFields(lines, 0);
    origin.clear();
  }

  @Test
  void bytes_chunkedResponseAndRequest_keepAliveRequest_sameAsHaproxy() throws Exception {
    // haproxy 2.6 counts neither the chunk framing nor the connection header's close/keep-alive; an
    // interim response counts as a head of its own.
    for (String request : List.of("GET /chunked HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "3\r\nabc\r\n4\r\ndefg\r\n0\r\nX-T: 1\r\n\r\n",
        "GET /plain HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\nConnection: keep-alive, X-Foo\r\n\r\n",
        "GET /early HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
      String[] lines = exchange(3, request);
      assertThat(lines[1]).as("hakit line for %s", request).isEqualTo(lines[0]);
    }
    origin.clear();
  }

  @Test
  void levels_logSeparateErrorsAndDontlogNormal_sameLinesAndLevelsAsHaproxy() throws Exception {
    int before = haproxyLines().size();
    int beforeHakit = hakitLines().size();
    List<String> requests = List.of("/ok", "/deny", "/ret", "/dead", "/s500", "/ok2");
    for (int port : new int[] {haproxyPorts[4], hakitPorts[4]}) {
      for (String path : requests) {
        oneResponse(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      }
    }
    // Only the errors: the deny (PR), the dead server (SC, 503) and the 500, at "err" (<131>).
    Await.until("three lines from haproxy", Duration.ofSeconds(5), () -> haproxyLines().size() >= before + 3);
    Await.until("three lines from hakit", Duration.ofSeconds(5), () -> hakitLines().size() >= beforeHakit + 3);
    List<String> expected = haproxyLines().subList(before, before + 3);
    assertThat(expected).allMatch(l -> l.startsWith("<131>"));
    assertThat(hakitLines().subList(beforeHakit, hakitLines().size())).isEqualTo(expected);
    assertThat(haproxyLines()).hasSize(before + 3);
    origin.clear();
  }

  @Test
  void logasap_lineAtResponseHeadWithPlusFields_sameAsHaproxy() throws Exception {
    // A small response comes in one read: %B holds all of it, chunked or not, %U is still 0.
    for (String path : List.of("/asap", "/chunked-asap")) {
      String[] lines = exchange(5, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String timers = " \\+\\d+\\|\\+\\d+\\|\\d+$";
      assertThat(lines[0]).containsPattern(timers);
      assertThat(lines[1]).containsPattern(timers);
      assertThat(lines[1].replaceFirst(timers, "")).isEqualTo(lines[0].replaceFirst(timers, ""));
    }
    origin.clear();
  }

  @Test
  void logasap_tcp_lineOnceConnectedWithPlusFields_sameAsHaproxy() throws Exception {
    String[] lines = exchange(6, "GET /tcp-asap HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    // Written when the server connection is up: nothing sent yet (+0), Tt marked, state "--".
    String[] masked = {masked(lines[0]).replaceFirst(" -?\\d+/-?\\d+/\\+\\d+ ", " Tw/Tc/+Tt "),
        masked(lines[1]).replaceFirst(" -?\\d+/-?\\d+/\\+\\d+ ", " Tw/Tc/+Tt ")};
    assertThat(masked[0]).contains(" Tw/Tc/+Tt +0 -- ");
    assertThat(masked[1]).isEqualTo(masked[0]);
    origin.clear();
  }
}
