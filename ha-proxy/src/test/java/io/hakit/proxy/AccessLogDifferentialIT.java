package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * The same configuration under {@code haproxy -db} (logging to stdout, {@code format raw}) and under
 * HAKit (the {@code io.hakit.access} logger), the same requests through both to the same origin, one
 * at a time: the log lines must agree field by field, but for what must differ (client ports,
 * dates, timers); the header values built by {@code http-request set-header} formats must be equal.
 */
@ExtendWith(LeakGuard.class)
class AccessLogDifferentialIT {
  private static final String ACCESS = "io.hakit.access - ";
  private static TestOrigin origin;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static int[] haproxyPorts;
  private static int[] hakitPorts;
  private static PrintStream originalErr;
  private static final ByteArrayOutputStream hakitLog = new ByteArrayOutputStream();

  static String config(int[] ports, int originPort) {
    return String.join("\n",
        "global",
        "    maxconn 100",
        "defaults",
        "    mode http",
        "    log stdout format raw local0",
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
        "backend be_app",
        "    server s1 127.0.0.1:" + originPort,
        "backend be_tcp",
        "    mode tcp",
        "    server s1 127.0.0.1:" + originPort,
        "");
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    origin = TestOrigin.start("origin");
    origin.respondWith(r -> {
      String body = "hello " + r.path();
      return ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nX-Resp: Resp\"Val{1}\r\n"
          + "Set-Cookie: SID=abc; path=/\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    });
    haproxyPorts = new int[] {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    hakitPorts = new int[] {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    haproxy = new HaproxyProcess(config(haproxyPorts, origin.port()), haproxyPorts[0]);
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(originalErr, hakitLog), true, StandardCharsets.UTF_8));
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(hakitPorts, origin.port())).model(),
        hakitPorts[0], TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    if (originalErr != null) {
      System.setErr(originalErr);
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

  /** Copies what slf4j-simple writes to System.err into a buffer the test reads. */
  private static final class TeeStream extends java.io.OutputStream {
    private final PrintStream first;
    private final ByteArrayOutputStream second;

    TeeStream(PrintStream first, ByteArrayOutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) {
      first.write(b);
      synchronized (second) {
        second.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      first.write(b, off, len);
      synchronized (second) {
        second.write(b, off, len);
      }
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

  private static List<String> hakitLines() {
    String all;
    synchronized (hakitLog) {
      all = hakitLog.toString(StandardCharsets.UTF_8);
    }
    List<String> out = new ArrayList<>();
    for (String l : all.split("\n")) {
      int i = l.indexOf(ACCESS);
      if (i >= 0) {
        out.add(l.substring(i + ACCESS.length()));
      }
    }
    return out;
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
}
