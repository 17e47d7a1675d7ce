package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A listener killed under the proxy ({@code ss -K}, as an operator or a crash of the socket layer
 * would) makes {@link ProxyServer#listeningHealth()} DOWN, so that the HA node's VRRP instance
 * gives the VIP away; the dead socket is closed instead of spinning on accept errors.
 */
class ListenerDeathIT {
  @Test
  void listeningHealth_listenerKilled_goesDown() throws Exception {
    Interop.require(Interop.root(), Interop.binary("ss"));
    int port = FreePorts.next();
    ProxyModel model = Models.seed(port, FreePorts.next(), FreePorts.next());
    ProxyServer proxy = ProxyServer.builder(model).eventLoops(1).transport(TransportKind.EPOLL).build();
    proxy.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      assertThat(proxy.listeningHealth().current().isUp()).isTrue();

      Process ss = new ProcessBuilder("ss", "-K", "state", "listening", "( sport = :" + port + " )")
          .redirectErrorStream(true).start();
      String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as("ss killed the listener").contains(":" + port);

      Await.until("listening health DOWN", Duration.ofSeconds(10), () -> !proxy.listeningHealth().current().isUp());
      assertThat(proxy.listeningHealth().current().reason()).contains("closed");
    } finally {
      proxy.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
