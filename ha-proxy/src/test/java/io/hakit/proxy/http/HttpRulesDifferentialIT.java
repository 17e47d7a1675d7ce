package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.HaproxyProcess;
import io.hakit.proxy.ProxyFixture;
import io.hakit.proxy.RawClient;
import io.hakit.proxy.TestOrigin;
import io.hakit.proxy.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backend's own http-request rules and the http-response rules of backend and frontend, under
 * the real haproxy and under HAKit with the same origin: the same answers reach the client (status,
 * every header in order, error bodies) and the origin sees the same requests. haproxy runs the
 * backend's request rules after switching to it, and response rules backend first, then frontend.
 */
class HttpRulesDifferentialIT {
  private static TestOrigin origin;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static int haproxyPort;

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    origin = TestOrigin.start("o");
    origin.respondWith(r -> {
      String status = r.path().startsWith("/err") ? "503 Service Unavailable" : "200 OK";
      String body = "ok";
      return ("HTTP/1.1 " + status + "\r\nServer: test-origin\r\n"
          + (r.path().startsWith("/bad") ? "X-Deny: yes\r\n" : "")
          + "X-Got-Be-Req: " + r.header("x-be-req") + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.ISO_8859_1);
    });
    haproxyPort = FreePorts.next();
    haproxy = new HaproxyProcess(config(haproxyPort), haproxyPort);
    int hakitPort = FreePorts.next();
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(hakitPort)).model(), hakitPort,
        TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {hakit, haproxy, origin}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Statuses with a built-in page besides 403, 429, 502, 503, 504 (exercised elsewhere). */
  private static final int[] PAGES = {200, 400, 401, 404, 405, 407, 408, 410, 413, 425, 500, 501};

  private static String config(int port) {
    StringBuilder pages = new StringBuilder();
    for (int code : PAGES) {
      pages.append("    http-request deny deny_status ").append(code).append(" if { path /page").append(code)
          .append(" }\n");
    }
    return String.join("\n",
        "defaults",
        "    mode http",
        "    timeout connect 5s",
        "    timeout client 10s",
        "    timeout server 10s",
        "frontend f",
        "    bind 127.0.0.1:" + port,
        "    http-response set-header X-Order fe",
        "    http-response add-header X-Seen fe",
        "    http-response deny if { res.hdr(x-deny) yes }",
        "    http-response del-header Server",
        "    http-request replace-header X-A ^a(.*) b\\1",
        "    http-request replace-header X-B Y(.) Z\\1",
        "    http-request replace-value X-C ^v(.*) w\\1",
        "    http-request replace-header X-E (.*) [\\1][\\2]",
        "    http-request set-path /new%[path] if { path_beg /sp }",
        "    http-request del-header X-D -m beg",
        "    http-request del-header mid -m sub",
        "    http-request del-header ^x-r[0-9]$ -m reg",
        pages + "    default_backend b",
        "backend b",
        "    acl blocked path_beg /deny",
        "    http-request deny deny_status 429 if blocked",
        "    http-request set-header X-Be-Req yes",
        "    http-response set-header X-Order be",
        "    http-response add-header X-Seen be",
        "    http-response set-header X-Status-5xx yes if { status ge 500 }",
        "    http-response add-header X-Ok yes if { status 200:299 }",
        "    server s1 127.0.0.1:" + origin.port(),
        "");
  }

  /** The response to one request on its own connection: status line, headers without date, and body. */
  private static List<String> answer(int port, String path) throws Exception {
    String raw = RawClient.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
    List<String> lines = new ArrayList<>();
    int end = raw.indexOf("\r\n\r\n");
    assertThat(end).as("a complete response head for %s: %s", path, raw).isPositive();
    for (String l : raw.substring(0, end).split("\r\n")) {
      if (!l.toLowerCase(Locale.ROOT).startsWith("date:")) {
        lines.add(l.toLowerCase(Locale.ROOT).startsWith("http/") ? l : l.toLowerCase(Locale.ROOT));
      }
    }
    lines.add("body=" + raw.substring(end + 4));
    return lines;
  }

  @Test
  void responseRules_backendThenFrontend_sameHeadersAsHaproxy() throws Exception {
    List<String> expected = answer(haproxyPort, "/");
    assertThat(expected).as("haproxy's answer").contains("x-got-be-req: yes", "x-seen: be", "x-seen: fe");
    assertThat(answer(hakit.port, "/")).isEqualTo(expected);
    assertThat(answer(hakit.port, "/err")).isEqualTo(answer(haproxyPort, "/err"));
  }

  @Test
  void backendRequestDeny_neverReachesTheOrigin_sameAnswerAsHaproxy() throws Exception {
    origin.clear();
    List<String> expected = answer(haproxyPort, "/deny");
    assertThat(expected.get(0)).startsWith("HTTP/1.1 429");
    assertThat(answer(hakit.port, "/deny")).isEqualTo(expected);
    assertThat(origin.poll(200)).as("a denied request reached the origin").isNull();
  }

  @Test
  void responseDeny_replacedBy502_sameAnswerAsHaproxy() throws Exception {
    List<String> expected = answer(haproxyPort, "/bad");
    assertThat(expected.get(0)).startsWith("HTTP/1.1 502");
    assertThat(answer(hakit.port, "/bad")).isEqualTo(expected);
  }

  @Test
  void denyStatus_everyBuiltInPage_sameBytesAsHaproxy() throws Exception {
    for (int code : PAGES) {
      List<String> expected = answer(haproxyPort, "/page" + code);
      assertThat(expected.get(0)).startsWith("HTTP/1.1 " + code);
      assertThat(answer(hakit.port, "/page" + code)).as("deny_status %d", code).isEqualTo(expected);
    }
  }

  @Test
  void headerEditsAndSetPath_originSeesWhatHaproxySends() throws Exception {
    String request = "GET /sp/q?x=1&y=2 HTTP/1.1\r\nHost: x\r\nX-A: aXYZ\r\nX-B: aYbc\r\nX-C: v1, v2,x ,vv\r\n"
        + "X-D-One: 1\r\nX-Dz: 2\r\nX-Mid-Sub: 3\r\nX-E: q\r\nX-R1: r\r\nX-R12: s\r\nConnection: close\r\n\r\n";
    origin.clear();
    RawClient.exchange(haproxyPort, request, 5000);
    TestOrigin.Received expected = origin.next();
    RawClient.exchange(hakit.port, request, 5000);
    TestOrigin.Received actual = origin.next();
    assertThat(expected.requestLine()).isEqualTo("GET /new/sp/q?x=1&y=2 HTTP/1.1");
    assertThat(actual.requestLine()).isEqualTo(expected.requestLine());
    assertThat(actual.headers()).extracting(h -> h[0] + ": " + h[1])
        .containsExactlyElementsOf(expected.headers().stream().map(h -> h[0] + ": " + h[1]).toList())
        .contains("x-b: Zb", "x-c: w1,w2,x ,wv", "x-e: [q][]", "x-r12: s")
        .noneMatch(h -> h.startsWith("x-d") || h.startsWith("x-mid") || h.startsWith("x-r1:"));
  }
}
