package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cookie persistence end to end through HAKit alone (CookieDifferentialIT compares it with
 * haproxy): a cookie keeps a client on its server, the balancer places the others, and a server
 * in maintenance loses its clients to one that gives them a new cookie.
 */
@ExtendWith(LeakGuard.class)
class CookiePersistenceProxyTest {
  private TestOrigin s1;
  private TestOrigin s2;
  private ProxyFixture proxy;

  @BeforeEach
  void start() throws Exception {
    s1 = TestOrigin.start("s1");
    s2 = TestOrigin.start("s2");
    int port = FreePorts.next();
    String cfg = String.join("\n",
        "defaults",
        "    mode http",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend f",
        "    bind 127.0.0.1:" + port,
        "    default_backend b",
        "backend b",
        "    cookie SRV insert indirect nocache",
        "    server s1 127.0.0.1:" + s1.port() + " cookie c1",
        "    server s2 127.0.0.1:" + s2.port() + " cookie c2",
        "");
    proxy = new ProxyFixture(new HaproxyConfigReader().read("t.cfg", cfg).model(), port, TransportKind.AUTO);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    s1.close();
    s2.close();
  }

  private HttpResponse<String> get(String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(proxy.uri("/"));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return proxy.send(b);
  }

  @Test
  void request_withoutCookie_balancedAndToldItsServer() throws Exception {
    HttpResponse<String> first = get(null);
    HttpResponse<String> second = get(null);
    assertThat(first.headers().allValues("x-origin")).containsExactly("s1");
    assertThat(first.headers().allValues("set-cookie")).containsExactly("SRV=c1; path=/");
    assertThat(second.headers().allValues("x-origin")).containsExactly("s2");
    assertThat(second.headers().allValues("set-cookie")).containsExactly("SRV=c2; path=/");
  }

  @Test
  void request_withCookie_staysOnItsServerWhichNeverSeesTheCookie() throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = get("a=1; SRV=c2; b=2");
      assertThat(r.headers().allValues("x-origin")).containsExactly("s2");
      assertThat(r.headers().allValues("set-cookie")).isEmpty();
    }
    assertThat(s1.receivedCount()).isZero();
    for (int i = 0; i < 5; i++) {
      assertThat(s2.next().header("cookie")).isEqualTo("a=1; b=2");
    }
  }

  @Test
  void request_cookieOfServerInMaintenance_balancedToAnotherWithNewCookie() throws Exception {
    proxy.proxy.runtimeCommand("set server b/s2 state maint");
    HttpResponse<String> r = get("SRV=c2");
    assertThat(r.headers().allValues("x-origin")).containsExactly("s1");
    assertThat(r.headers().allValues("set-cookie")).containsExactly("SRV=c1; path=/");
    proxy.proxy.runtimeCommand("set server b/s2 state ready");
    assertThat(get("SRV=c2").headers().allValues("x-origin")).containsExactly("s2");
  }
}
