package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.testing.FreePorts;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The no-root use: the VIP is a loopback address that only the master listens on. */
class CallbackAddressManagerTest {

  @Test
  void master_bindsListenerOnLoopbackVip_unbindsOnStop() throws Exception {
    int port = FreePorts.next();
    Map<VirtualAddress, ServerSocket> listeners = new ConcurrentHashMap<>();
    CallbackAddressManager vips = CallbackAddressManager.builder()
        .onAdd(a -> {
          ServerSocket s = new ServerSocket();
          s.bind(new InetSocketAddress(a.address(), port));
          listeners.put(a, s);
        })
        .onRemove(a -> {
          ServerSocket s = listeners.remove(a);
          if (s != null) {
            s.close();
          }
        })
        .build();
    StateRecorder states = new StateRecorder();
    VrrpInstance vi = VrrpInstance.builder().name("demo").vrid(7).priority(255).interfaceName("lo")
        .virtualAddress("127.77.0.1/32").version(3).advertInterval(Duration.ofMillis(100))
        .transportFactory(new InJvmLink("demo").factory(InetAddress.getByName("127.0.0.1")))
        .addressManager(vips).listener(states).build();
    vi.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      states.awaitLatest(VrrpState.MASTER, Duration.ofSeconds(5));
      // Listeners hear of MASTER after the address was added: the VIP answers now.
      try (Socket client = new Socket(InetAddress.getByName("127.77.0.1"), port)) {
        assertThat(client.isConnected()).isTrue();
      }
      assertThat(vips.present()).extracting(VirtualAddress::toString).containsExactly("127.77.0.1/32 dev lo");
    } finally {
      vi.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(vips.present()).isEmpty();
    assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.77.0.1"), port).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void addFails_countedAndInstanceKeepsRunning() throws Exception {
    CallbackAddressManager failing = CallbackAddressManager.builder()
        .onAdd(a -> {
          throw new IOException("cloud API said no");
        })
        .build();
    VrrpInstance vi = VrrpInstance.builder().name("f").vrid(8).priority(255).interfaceName("lo")
        .virtualAddress("127.77.0.2/32").version(3).advertInterval(Duration.ofMillis(100))
        .transportFactory(new InJvmLink("f").factory(InetAddress.getByName("127.0.0.1")))
        .addressManager(failing).build();
    vi.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      Await.until(() -> vi.counters().addressErrors() == 1, Duration.ofSeconds(5), () -> "one address error");
      assertThat(vi.vrrpState()).isEqualTo(VrrpState.MASTER);
      assertThat(failing.present()).isEmpty();
    } finally {
      vi.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
