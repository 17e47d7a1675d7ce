package io.hakit.examples.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hakit.examples.vrrp.NetnsThread;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One of the seed's backends, standing in on the test LAN: a JDK HTTP server in the origins
 * namespace that answers every path with its own name, so a client sees which backend (and, for
 * {@code app}, which node's proxy) served it. The listener is opened on a thread inside the
 * namespace; the server's dispatcher thread then serves that socket. {@link #stop} closes the
 * listener (connections are refused, health checks fail); {@link #start} opens it again.
 */
final class Origin implements AutoCloseable {
  private final NetnsThread namespace;
  private final String name;
  private final InetSocketAddress address;
  private HttpServer server;

  Origin(NetnsThread namespace, String name, String ip, int port) {
    this.namespace = namespace;
    this.name = name;
    this.address = new InetSocketAddress(ip, port);
  }

  String name() {
    return name;
  }

  synchronized void start() throws Exception {
    if (server != null) {
      return;
    }
    server = namespace.call(() -> {
      HttpServer s = HttpServer.create(address, 64);
      s.createContext("/", this::answer);
      s.start();
      return s;
    });
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
