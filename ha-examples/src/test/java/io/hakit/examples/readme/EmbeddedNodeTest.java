package io.hakit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.FreePorts;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding snippet runs: a proxy and a VRRP instance that becomes master and takes the VIP. */
class EmbeddedNodeTest {
  @TempDir
  Path dir;

  @Test
  void start_singleNode_listensAndBecomesMasterWithTheVip() throws Exception {
    int port = FreePorts.next();
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, "defaults\n  mode tcp\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n"
        + "frontend fe\n  bind 127.0.0.1:" + port + "\n  default_backend be\n"
        + "backend be\n  server s1 127.0.0.1:1\n");
    List<VirtualAddress> added = new CopyOnWriteArrayList<>();
    CallbackAddressManager vips = CallbackAddressManager.builder().onAdd(added::add).build();
    InJvmLink link = new InJvmLink("readme");

    EmbeddedNode.Started node = EmbeddedNode.start(cfg, "127.0.0.210/32", "lo",
        link.factory(InetAddress.getByName("127.0.0.11")), vips);
    try {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(s.isConnected()).isTrue();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (node.vrrp().vrrpState() != VrrpState.MASTER && System.nanoTime() < deadline) {
        synchronized (this) {
          wait(20); // polled with a deadline: the instance exposes its state, not a future per state
        }
      }
      assertThat(node.vrrp().vrrpState()).isEqualTo(VrrpState.MASTER);
      assertThat(added).extracting(v -> v.address().getHostAddress()).containsExactly("127.0.0.210");
    } finally {
      node.vrrp().stop(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      node.proxy().stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void readme_showsTheSnippetVerbatim() throws Exception {
    List<String> source = Files.readAllLines(Path.of("src/test/java/io/hakit/examples/readme/EmbeddedNode.java"));
    List<String> snippet = new ArrayList<>();
    boolean inside = false;
    for (String line : source) {
      if (line.contains("README-snippet-end")) {
        inside = false;
      }
      if (inside) {
        snippet.add(line.length() >= 4 ? line.substring(4) : line.strip());
      }
      if (line.contains("README-snippet-start")) {
        inside = true;
      }
    }
    assertThat(snippet).hasSizeGreaterThan(5);
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertThat(readme).as("README.md shows the snippet of EmbeddedNode.java").contains(String.join("\n", snippet));
  }
}
