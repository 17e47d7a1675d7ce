package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.Origin;
import io.hakit.core.model.Acl;
import io.hakit.core.model.AclFlags;
import io.hakit.core.model.Condition;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.HttpAction;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(LeakGuard.class)
class HttpProxyTest {
  private TestOrigin stat;
  private TestOrigin app1;
  private TestOrigin app2;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void origins() throws Exception {
    stat = TestOrigin.start("static");
    app1 = TestOrigin.start("app1");
    app2 = TestOrigin.start("app2");
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    stat.close();
    app1.close();
    app2.close();
  }

  private ProxyFixture seedProxy(TransportKind transport) throws Exception {
    int port = FreePorts.next();
    ProxyFixture f = new ProxyFixture(Models.seed(port, stat.port(), app1.port(), app2.port()), port, transport);
    closeables.add(0, f);
    return f;
  }

  @ParameterizedTest
  @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL"})
  void route_seedAcls_staticPrefixesAndSuffixesCaseInsensitive(TransportKind transport) throws Exception {
    ProxyFixture p = seedProxy(transport);
    assertThat(p.proxy.transport()).isEqualTo(transport);
    for (String path : List.of("/static/a", "/staticx", "/IMAGES/x.txt", "/javascript/", "/StyleSheets/s", "/a/b.JPG",
        "/x.gif", "/y.png?q=1", "/z.css", "/w.js")) {
      HttpResponse<String> r = p.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("x-origin")).as(path).hasValue("static");
      assertThat(stat.next().path()).isEqualTo(path);
    }
    for (String path : List.of("/", "/stati", "/app/static", "/a.jpgx", "/jpg", "/q?x=.jpg")) {
      HttpResponse<String> r = p.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("x-origin").orElseThrow()).as(path).startsWith("app");
    }
  }

  @Test
  void roundrobin_twoServers_alternates() throws Exception {
    ProxyFixture p = seedProxy(TransportKind.AUTO);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      seen.add(p.get("/r" + i).headers().firstValue("x-origin").orElseThrow());
    }
    assertThat(seen).containsExactly("app1", "app2", "app1", "app2", "app1", "app2");
  }

  @Test
  void serverClose_originSeesConnectionCloseAndNoForwardedForFromLoopback() throws Exception {
    ProxyFixture p = seedProxy(TransportKind.AUTO);
    p.get("/hello?x=1");
    TestOrigin.Received r = app1.next();
    assertThat(r.requestLine()).isEqualTo("GET /hello?x=1 HTTP/1.1");
    assertThat(r.header("connection")).isEqualTo("close");
    assertThat(r.header("x-forwarded-for")).isNull();
    assertThat(r.header("host")).isEqualTo("127.0.0.1:" + p.port);
  }

  @Test
  void forwardFor_withoutExcept_addsClientAddress() throws Exception {
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).forwardFor(ForwardFor.enabled()).defaultBackend("app").build())
        .backend(Models.seedBackend("app").forwardFor(ForwardFor.enabled()).server(Models.server("a", app1.port())).build())
        .build();
    ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO);
    closeables.add(p);
    p.get("/");
    assertThat(app1.next().header("x-forwarded-for")).isEqualTo("127.0.0.1");
  }

  @Test
  void clientKeepAlive_serverClose_clientConnectionReused() throws Exception {
    ProxyFixture p = seedProxy(TransportKind.AUTO);
    String two = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String out = RawClient.exchange(p.port, two, 5000);
    assertThat(out.split("HTTP/1.1 200 OK", -1)).hasSize(3);
    assertThat(out).contains("path=/a").contains("path=/b").endsWith("path=/b body=0");
    assertThat(out).contains("connection: close");
    TestOrigin.Received a = app1.next();
    TestOrigin.Received b = app2.next();
    assertThat(a.path()).isEqualTo("/a");
    assertThat(b.path()).isEqualTo("/b");
  }

  @Test
  void keepAliveMode_serverConnectionReused() throws Exception {
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).connectionMode(HttpConnectionMode.KEEP_ALIVE).defaultBackend("app").build())
        .backend(Models.seedBackend("app").connectionMode(HttpConnectionMode.KEEP_ALIVE)
            .server(Models.server("a", app1.port())).build())
        .build();
    ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO);
    closeables.add(p);
    for (int i = 0; i < 5; i++) {
      assertThat(p.get("/k" + i).statusCode()).isEqualTo(200);
    }
    List<Integer> connections = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TestOrigin.Received r = app1.next();
      assertThat(r.header("connection")).isNull();
      connections.add(r.connectionId());
    }
    assertThat(connections.subList(1, 5)).containsOnly(connections.get(0));
  }

  @Test
  void post_contentLengthAndChunkedBodies_streamedToOrigin() throws Exception {
    ProxyFixture p = seedProxy(TransportKind.AUTO);
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + i % 26);
    }
    HttpResponse<String> r = p.send(HttpRequest.newBuilder(p.uri("/upload"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertThat(r.body()).endsWith("body=" + big.length);
    assertThat(app1.next().body()).isEqualTo(big);
    String chunked = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n";
    String out = RawClient.exchange(p.port, chunked, 5000);
    assertThat(out).contains("200 OK").endsWith("body=11");
    TestOrigin.Received c = app2.next();
    assertThat(new String(c.body())).isEqualTo("hello world");
    assertThat(c.header("transfer-encoding")).isEqualTo("chunked");
  }

  @Test
  void largeResponse_streamedIntact() throws Exception {
    ProxyFixture p = seedProxy(TransportKind.AUTO);
    String body = "x".repeat(2 * 1024 * 1024);
    app1.respondWith(r -> ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes());
    HttpResponse<String> r = p.get("/big");
    assertThat(r.body()).hasSize(body.length());
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  void chunkedResponse_forwardedAsChunked() throws Exception {
    ProxyFixture p = seedProxy(TransportKind.AUTO);
    app1.respondWith(r -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n".getBytes());
    HttpResponse<String> r = p.get("/ch");
    assertThat(r.body()).isEqualTo("abcde");
  }

  @Test
  void noServer_backendWithoutServers_503AsHaproxy() throws Exception {
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app").build())
        .build();
    ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO);
    closeables.add(p);
    String out = RawClient.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
    assertThat(out).isEqualTo("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 107\r\ncache-control: no-cache\r\n"
        + "content-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>503 Service Unavailable</h1>\n"
        + "No server is available to handle this request.\n</body></html>\n");
  }

  @Test
  void httpRequestRules_denySetAddDelReturnRedirect() throws Exception {
    int port = FreePorts.next();
    AclFlags none = AclFlags.NONE;
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app")
            .acl(new Acl("is_admin", "path_beg", none, List.of("/admin"), Origin.UNKNOWN))
            .acl(new Acl("is_ret", "path", none, List.of("/ret"), Origin.UNKNOWN))
            .acl(new Acl("is_old", "path_beg", none, List.of("/old"), Origin.UNKNOWN))
            .acl(new Acl("from_lo", "src", none, List.of("127.0.0.0/8"), Origin.UNKNOWN))
            .httpRequestRule(new HttpRule(new HttpAction.Deny(403), new Condition(Condition.Polarity.IF,
                List.of(List.of(io.hakit.core.model.AclTerm.named("is_admin"), io.hakit.core.model.AclTerm.named("from_lo"))),
                Origin.UNKNOWN), Origin.UNKNOWN))
            .httpRequestRule(new HttpRule(new HttpAction.Return(200, "text/plain", "string", "pong", List.of()),
                Condition.ifAcl("is_ret"), Origin.UNKNOWN))
            .httpRequestRule(new HttpRule(new HttpAction.Redirect("location", "/new", 301, List.of()),
                Condition.ifAcl("is_old"), Origin.UNKNOWN))
            .httpRequestRule(new HttpRule(new HttpAction.SetHeader("X-Set", "one"), null, Origin.UNKNOWN))
            .httpRequestRule(new HttpRule(new HttpAction.AddHeader("X-Add", "two"), null, Origin.UNKNOWN))
            .httpRequestRule(new HttpRule(new HttpAction.DelHeader("X-Del", null), null, Origin.UNKNOWN))
            .build())
        .backend(Models.seedBackend("app").server(Models.server("a", app1.port())).build())
        .build();
    ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO);
    closeables.add(p);
    HttpResponse<String> denied = p.get("/admin/x");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("Request forbidden by administrative rules.");
    HttpResponse<String> ret = p.get("/ret");
    assertThat(ret.statusCode()).isEqualTo(200);
    assertThat(ret.body()).isEqualTo("pong");
    HttpResponse<String> redirect = p.get("/old");
    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("location")).hasValue("/new");
    p.send(HttpRequest.newBuilder(p.uri("/fwd")).header("X-Del", "gone").header("X-Set", "zero"));
    TestOrigin.Received r = app1.next();
    assertThat(r.path()).isEqualTo("/fwd");
    assertThat(r.header("x-set")).isEqualTo("one");
    assertThat(r.header("x-add")).isEqualTo("two");
    assertThat(r.header("x-del")).isNull();
    assertThat(app1.poll(100)).isNull();
  }

  @Test
  void twoEventLoops_reusePortListeners_concurrentClientsAllServed() throws Exception {
    int port = FreePorts.next();
    ProxyServer proxy = ProxyServer.builder(Models.seed(port, stat.port(), app1.port(), app2.port())).eventLoops(2).build();
    proxy.start().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    try {
      assertThat(proxy.eventLoops()).isEqualTo(2);
      assertThat(proxy.boundAddresses()).hasSize(1);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
      try {
        List<java.util.concurrent.Future<String>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String request = "GET /c" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
          all.add(pool.submit(() -> RawClient.exchange(port, request, 5000)));
        }
        for (var f : all) {
          assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 OK");
        }
      } finally {
        pool.shutdownNow();
      }
    } finally {
      proxy.stop(java.time.Duration.ZERO).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
