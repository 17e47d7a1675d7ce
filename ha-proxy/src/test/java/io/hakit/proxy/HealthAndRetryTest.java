package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.health.Health;
import io.hakit.core.health.HealthSource;
import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpCheckExpect;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Server;
import io.hakit.core.model.ServerCheck;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.net.Endpoint;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class HealthAndRetryTest {
  private static final ServerCheck FAST = new ServerCheck(true, Duration.ofMillis(100), null, null, 2, 2, 0, null);

  private static Server checked(String name, int port) {
    return Server.builder(name, Endpoint.of("127.0.0.1", port)).check(FAST).build();
  }

  @Test
  void originStops_goesDownAfterFall_trafficContinuesWithoutError_comesBackAfterRise() throws Exception {
    TestOrigin a = TestOrigin.start("a");
    TestOrigin b = TestOrigin.start("b");
    int bPort = b.port();
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app").retries(1).server(checked("a", a.port())).server(checked("b", bPort)).build())
        .build();
    try (ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO)) {
      HealthSource health = p.proxy.backendHealth("app");
      List<Health> transitions = new CopyOnWriteArrayList<>();
      health.subscribe((s, h) -> transitions.add(h));
      assertThat(health.current().isUp()).isTrue();
      b.close();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        statuses.add(p.get("/during" + i).statusCode());
      }
      assertThat(statuses).containsOnly(200);
      TestOrigin b2 = new TestOrigin("b2", bPort);
      try {
        Await.until("b back in rotation", Duration.ofSeconds(5), () -> {
          try {
            return p.get("/after").headers().firstValue("x-origin").orElse("").equals("b2");
          } catch (Exception e) {
            return false;
          }
        });
      } finally {
        b2.close();
      }
      a.close();
      Await.until("backend DOWN once both origins are gone", Duration.ofSeconds(5), () -> !health.current().isUp());
      assertThat(transitions).isNotEmpty();
      assertThat(transitions.get(transitions.size() - 1).isUp()).isFalse();
      assertThat(p.get("/none").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void httpCheck_wrongStatus_serverDown() throws Exception {
    TestOrigin a = TestOrigin.start("a");
    a.respondWith(r -> (r.path().equals("/health") ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
        : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").getBytes());
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app").healthCheck(new HealthCheckSpec(HealthCheckSpec.Kind.HTTP, "GET", "/health",
                null, List.of(new HttpCheckExpect(false, "status", "200")), List.of(), io.hakit.core.Origin.UNKNOWN))
            .server(checked("a", a.port())).build())
        .build();
    try (ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO)) {
      HealthSource health = p.proxy.backendHealth("app");
      Await.until("server DOWN on 503 checks", Duration.ofSeconds(5), () -> !health.current().isUp());
      a.respondWith(r -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
      Await.until("server UP on 200 checks", Duration.ofSeconds(5), () -> health.current().isUp());
    } finally {
      a.close();
    }
  }

  @Test
  void serverMaxconn_requestsQueue_neverMoreThanMaxAtOrigin() throws Exception {
    TestOrigin a = TestOrigin.start("a");
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    a.respondWith(r -> {
      int now = concurrent.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      concurrent.decrementAndGet();
      return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes();
    });
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app")
            .server(Server.builder("a", Endpoint.of("127.0.0.1", a.port())).maxconn(1).build()).build())
        .build();
    try (ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO)) {
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        all.add(p.client.sendAsync(java.net.http.HttpRequest.newBuilder(p.uri("/q" + i)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      for (var f : all) {
        assertThat(f.get().statusCode()).isEqualTo(200);
      }
      assertThat(peak.get()).isEqualTo(1);
    } finally {
      a.close();
    }
  }

  @Test
  void serverMaxconn_queueTimeout_503() throws Exception {
    TestOrigin a = TestOrigin.start("a");
    a.respondWith(r -> {
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes();
    });
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app").timeout(TimeoutKind.QUEUE, Duration.ofMillis(200))
            .server(Server.builder("a", Endpoint.of("127.0.0.1", a.port())).maxconn(1).build()).build())
        .build();
    try (ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO)) {
      var first = p.client.sendAsync(java.net.http.HttpRequest.newBuilder(p.uri("/first")).build(),
          HttpResponse.BodyHandlers.ofString());
      a.next();
      assertThat(p.get("/second").statusCode()).isEqualTo(503);
      assertThat(first.get().statusCode()).isEqualTo(200);
    } finally {
      a.close();
    }
  }

  @Test
  void connectRefused_redispatch_otherServerAnswers() throws Exception {
    TestOrigin a = TestOrigin.start("a");
    int dead = FreePorts.next();
    int port = FreePorts.next();
    ProxyModel m = ProxyModel.builder()
        .frontend(Models.seedFrontend("main", port).defaultBackend("app").build())
        .backend(Models.seedBackend("app").retries(1)
            .server(Models.server("dead", dead)).server(Models.server("a", a.port())).build())
        .build();
    try (ProxyFixture p = new ProxyFixture(m, port, TransportKind.AUTO)) {
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> r = p.get("/r" + i);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-origin")).hasValue("a");
      }
    } finally {
      a.close();
    }
  }
}
