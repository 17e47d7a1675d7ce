package io.hakit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hakit.core.testing.FreePorts;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar hakit.jar proxy -f} runs the seed's haproxy.cfg (ports moved to free loopback
 * ones, the empty {@code app} backend given one server) and routes by the seed's ACLs; SIGTERM
 * stops it with exit status 0, as {@code haproxy -db} does.
 */
class ProxyCommandIT {
  @TempDir
  Path dir;

  private HttpServer staticOrigin;
  private HttpServer appOrigin;
  private Process proxy;

  @AfterEach
  void cleanUp() {
    if (proxy != null) {
      proxy.destroyForcibly();
    }
    if (staticOrigin != null) {
      staticOrigin.stop(0);
    }
    if (appOrigin != null) {
      appOrigin.stop(0);
    }
  }

  private static HttpServer origin(String name) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.createContext("/", ex -> {
      byte[] body = name.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    return s;
  }

  @Test
  void proxy_seedConfig_routesByAclAndStopsCleanlyOnSigterm() throws Exception {
    staticOrigin = origin("static");
    appOrigin = origin("app");
    int port = FreePorts.next();
    String seed;
    try (InputStream in = getClass().getResourceAsStream("/seed/haproxy.cfg")) {
      seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String cfg = seed
        .replace("frontend  main *:5000", "frontend  main 127.0.0.1:" + port)
        .replace("stats socket /var/lib/haproxy/stats", "stats socket " + dir.resolve("stats"))
        .replace("127.0.0.1:4331", "127.0.0.1:" + staticOrigin.getAddress().getPort())
        .replace("backend app\n    balance     roundrobin\n",
            "backend app\n    balance     roundrobin\n    server app1 127.0.0.1:" + appOrigin.getAddress().getPort() + "\n");
    assertThat(cfg).contains("server app1");
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, cfg);

    proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        HakitJarIT.JAR.toString(), "proxy", "-f", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("proxy.log").toFile()).start();

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String base = "http://127.0.0.1:" + port;
    awaitListening(client, base);

    assertThat(get(client, base + "/static/site.css")).isEqualTo("static");
    assertThat(get(client, base + "/images/LOGO.PNG")).isEqualTo("static");
    assertThat(get(client, base + "/index.html")).isEqualTo("app");
    assertThat(get(client, base + "/javascript/app.js?v=1")).isEqualTo("static");

    proxy.destroy();
    assertThat(proxy.waitFor(20, TimeUnit.SECONDS)).as("proxy exits after SIGTERM").isTrue();
    assertThat(proxy.exitValue()).as(Files.readString(dir.resolve("proxy.log"))).isZero();
  }

  private static String get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }

  private void awaitListening(HttpClient client, String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertThat(proxy.isAlive()).as("proxy process alive: " + Files.readString(dir.resolve("proxy.log"))).isTrue();
      try {
        client.send(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (java.io.IOException e) {
        proxy.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new AssertionError("proxy did not listen within 30 s: " + Files.readString(dir.resolve("proxy.log")));
  }
}
