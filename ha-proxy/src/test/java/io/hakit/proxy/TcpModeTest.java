package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.Backend;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.net.Endpoint;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(LeakGuard.class)
class TcpModeTest {

  /** An echo server that prefixes nothing: every byte comes back. */
  private static ServerSocket echo(String name) throws Exception {
    ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try {
          Socket s = ss.accept();
          Thread c = new Thread(() -> {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
              out.write((name + ":").getBytes());
              in.transferTo(out);
            } catch (Exception e) {
              // peer gone
            }
          });
          c.setDaemon(true);
          c.start();
        } catch (Exception e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return ss;
  }

  private static ProxyModel model(int port, int... servers) {
    Backend.Builder be = Backend.builder("be").mode(Mode.TCP).timeout(TimeoutKind.CONNECT, Duration.ofSeconds(2))
        .timeout(TimeoutKind.SERVER, Duration.ofSeconds(5));
    for (int i = 0; i < servers.length; i++) {
      be.server(Models.server("s" + i, servers[i]));
    }
    return ProxyModel.builder()
        .frontend(Frontend.builder("fe").mode(Mode.TCP).bind(Bind.of(Endpoint.of("127.0.0.1", port)))
            .timeout(TimeoutKind.CLIENT, Duration.ofSeconds(5)).defaultBackend("be").build())
        .backend(be.build()).build();
  }

  @ParameterizedTest
  @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL"})
  void relay_bytesBothWays_roundrobin(TransportKind transport) throws Exception {
    try (ServerSocket e1 = echo("e1"); ServerSocket e2 = echo("e2")) {
      int port = FreePorts.next();
      try (ProxyFixture p = new ProxyFixture(model(port, e1.getLocalPort(), e2.getLocalPort()), port, transport)) {
        assertThat(p.proxy.transport()).isEqualTo(transport);
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            byte[] payload = ("hello-" + i + "-" + "z".repeat(100_000)).getBytes();
            s.getOutputStream().write(payload);
            s.shutdownOutput();
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all);
            assertThat(text).as("reply " + i).isNotEmpty();
            prefixes.add(text.substring(0, 3));
            assertThat(text.substring(3)).isEqualTo(new String(payload));
          }
        }
        assertThat(prefixes).containsExactly("e1:", "e2:", "e1:", "e2:");
      }
    }
  }

  @Test
  void relay_noServerListening_clientClosed() throws Exception {
    int port = FreePorts.next();
    ProxyModel m = model(port, FreePorts.next());
    try (ProxyFixture p = new ProxyFixture(ProxyModel.builder().frontend(m.frontends().get(0))
        .backend(Backend.builder("be").mode(Mode.TCP).retries(0).server(m.backends().get(0).servers().get(0)).build())
        .build(), port, TransportKind.AUTO)) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), p.port)) {
        s.setSoTimeout(5000);
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
    }
  }
}
