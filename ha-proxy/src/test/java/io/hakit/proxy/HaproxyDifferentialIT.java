package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's configuration under the real haproxy and under HAKit, on different loopback ports
 * with the same origins: the same corpus must give the same bytes back, reach the same origin and
 * show the origin the same headers.
 */
@ExtendWith(LeakGuard.class)
class HaproxyDifferentialIT {
  private static TestOrigin stat;
  private static TestOrigin app1;
  private static TestOrigin app2;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static int haproxyPort;

  /** The seed's haproxy.cfg, with what a test cannot use removed (chroot, user, daemon, syslog, stats socket). */
  static String seedConfig(int port, int staticPort, int app1Port, int app2Port) {
    return String.join("\n",
        "global",
        "    maxconn     4000",
        "defaults",
        "    mode                    http",
        "    option                  httplog",
        "    option                  dontlognull",
        "    option http-server-close",
        "    option forwardfor       except 127.0.0.0/8",
        "    option                  redispatch",
        "    retries                 3",
        "    timeout http-request    10s",
        "    timeout queue           1m",
        "    timeout connect         10s",
        "    timeout client          1m",
        "    timeout server          1m",
        "    timeout http-keep-alive 10s",
        "    timeout check           10s",
        "    maxconn                 3000",
        "frontend  main",
        "    bind 127.0.0.1:" + port,
        "    acl url_static       path_beg       -i /static /images /javascript /stylesheets",
        "    acl url_static       path_end       -i .jpg .gif .png .css .js",
        "    use_backend static          if url_static",
        "    default_backend             app",
        "backend static",
        "    balance     roundrobin",
        "    server      static 127.0.0.1:" + staticPort + " check",
        "backend app",
        "    balance     roundrobin",
        "    server  app1 127.0.0.1:" + app1Port + " check",
        "    server  app2 127.0.0.1:" + app2Port + " check",
        "");
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    stat = TestOrigin.start("static");
    app1 = TestOrigin.start("app1");
    app2 = TestOrigin.start("app2");
    haproxyPort = FreePorts.next();
    haproxy = new HaproxyProcess(seedConfig(haproxyPort, stat.port(), app1.port(), app2.port()), haproxyPort);
    int port = FreePorts.next();
    // The very same text, read by ha-config-haproxy, only the listening port differs.
    hakit = new ProxyFixture(new io.hakit.config.haproxy.HaproxyConfigReader()
        .read("haproxy.cfg", seedConfig(port, stat.port(), app1.port(), app2.port())).model(), port, TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {hakit, haproxy, stat, app1, app2}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** What one request produced: the bytes returned and what each origin saw. */
  record Outcome(String response, List<String> seen) {}

  private static Outcome run(int port, String request) throws Exception {
    stat.clear();
    app1.clear();
    app2.clear();
    String response = RawClient.exchange(port, request, 3000);
    List<String> seen = new ArrayList<>();
    for (TestOrigin o : List.of(stat, app1, app2)) {
      TestOrigin.Received r;
      while ((r = o.poll(20)) != null) {
        seen.add(o.name() + " " + r.requestLine() + " xff=" + r.header("x-forwarded-for") + " connection="
            + r.header("connection") + " te=" + r.header("transfer-encoding") + " cl=" + r.header("content-length")
            + " headers=" + r.headers().stream().map(h -> h[0] + ":" + h[1]).toList() + " body=" + new String(r.body()));
      }
    }
    return new Outcome(response, seen);
  }

  private static void same(String request) throws Exception {
    Outcome expected = run(haproxyPort, request);
    Outcome actual = run(hakit.port, request);
    assertThat(actual.response()).as("response to %s", request).isEqualTo(expected.response());
    assertThat(actual.seen()).as("origins' view of %s", request).isEqualTo(expected.seen());
  }

  @Test
  void routing_aclCorpus_sameResponsesSameOriginsSameHeaders() throws Exception {
    for (String path : List.of("/", "/static/a.txt", "/STATIC/b", "/images/x", "/javascript/app", "/stylesheets/s",
        "/a.jpg", "/b.GIF", "/c.png?x=1", "/d.css", "/e.js", "/x?y=.jpg", "/static", "/staticfoo", "/app/static/",
        "/index.html", "/q?a=1&b=2")) {
      same("GET " + path + " HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
    }
  }

  @Test
  void headers_forwardedForAndConnection_sameAsHaproxy() throws Exception {
    same("GET /h HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 10.0.0.1\r\nUser-Agent: t\r\nConnection: close\r\n\r\n");
    same("GET /h10 HTTP/1.0\r\n\r\n");
    same("GET /h10ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /second HTTP/1.0\r\n\r\n");
    same("POST /post HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    same("POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  }

  @Test
  void keepAlive_sequences_sameAsHaproxy() throws Exception {
    same("GET /k1 HTTP/1.1\r\nHost: a\r\n\r\nGET /k2 HTTP/1.1\r\nHost: a\r\n\r\nGET /k3.css HTTP/1.1\r\nHost: a\r\n"
        + "Connection: close\r\n\r\n");
  }

  @Test
  void malformed_corpus_sameAsHaproxy() throws Exception {
    for (String request : List.of(
        "HELLO\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(17000) + "\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\nConnection: close\r\n\r\nhello",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
        "GET http://foo.example/p HTTP/1.1\r\nHost: other\r\n\r\n")) {
      same(request);
    }
  }
}
