package io.hakit.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An origin server standing in for one of the seed's HTTP backends: answers every request with
 * {@code <name> <path>} so the demo can show which backend served it. Uses the JDK's built-in
 * HTTP server: it is a stand-in, not part of the data path being demonstrated.
 */
final class DemoOrigin implements AutoCloseable {
  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong served = new AtomicLong();

  DemoOrigin(String name, InetSocketAddress address) throws IOException {
    this.name = name;
    this.server = HttpServer.create(address, 128);
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "origin-" + name);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  void start() {
    server.start();
  }

  String name() {
    return name;
  }

  long served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      byte[] body = (name + " " + exchange.getRequestURI().getPath() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.getResponseHeaders().set("X-Origin", name);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      served.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
