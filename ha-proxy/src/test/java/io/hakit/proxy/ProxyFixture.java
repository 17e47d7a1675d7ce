package io.hakit.proxy;

import io.hakit.core.model.ProxyModel;
import io.hakit.proxy.transport.TransportKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A started proxy for a test, stopped by close(). */
public final class ProxyFixture implements AutoCloseable {
  public final ProxyServer proxy;
  public final int port;
  public final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public ProxyFixture(ProxyModel model, int port, TransportKind transport) throws Exception {
    this.proxy = ProxyServer.builder(model).eventLoops(1).transport(transport).build();
    this.port = port;
    proxy.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    proxy.stop(Duration.ZERO).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
