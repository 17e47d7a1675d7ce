package io.hakit.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.FreePorts;
import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.UdpTransportFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runForeground} in its own JVM, as {@code hakit.jar vrrp -f} will run it: it becomes master
 * over a peer in this JVM, and on SIGTERM it sends priority 0, so the peer takes over after
 * Skew_Time (not Master_Down_Interval).
 */
class KeepalivedRunnerForegroundTest {
  @TempDir
  Path dir;

  @Test
  void runForeground_sigterm_sendsPriority0AndPeerTakesOver() throws Exception {
    int port = FreePorts.next();
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, """
        vrrp_instance VI_1 {
          state MASTER
          interface lo
          virtual_router_id 61
          priority 150
          version 3
          advert_int 0.2
          unicast_src_ip 127.0.0.41
          unicast_peer {
            127.0.0.42
          }
          virtual_ipaddress {
            198.18.0.200/32
          }
        }
        """);
    LinkedBlockingQueue<StateChange> peerChanges = new LinkedBlockingQueue<>();
    VrrpInstance peer = VrrpInstance.builder().name("peer").vrid(61).priority(100).interfaceName("lo").version(3)
        .advertInterval(Duration.ofMillis(200)).sourceAddress("127.0.0.42").unicastPeer("127.0.0.41")
        .virtualAddress("198.18.0.200/32").transportFactory(new UdpTransportFactory(port))
        .addressManager(CallbackAddressManager.builder().build()).listener(peerChanges::add).build();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ForegroundMain.class.getName(), conf.toString(), Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Thread reaper = new Thread(child::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      peer.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (peer.counters().advertsReceived() < 3 && System.nanoTime() < deadline && child.isAlive()) {
        StateChange c = peerChanges.poll(100, TimeUnit.MILLISECONDS);
        if (c != null && c.to() == VrrpState.MASTER) {
          peerChanges.clear(); // the child JVM may start after the peer's first Master_Down_Interval
        }
      }
      assertThat(peer.counters().advertsReceived()).as("child adverts; child log:%n%s", read(log)).isGreaterThanOrEqualTo(3);
      StateChange backup = null;
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); peer.vrrpState() != VrrpState.BACKUP
          && System.nanoTime() < end; ) {
        backup = peerChanges.poll(100, TimeUnit.MILLISECONDS);
      }
      assertThat(peer.vrrpState()).as("peer yields to the child (%s)", backup).isEqualTo(VrrpState.BACKUP);
      peerChanges.clear();

      child.destroy(); // SIGTERM
      // The BACKUP notification may still arrive after the clear() (listeners run on the address
      // thread): skip to the first MASTER change, within the deadline.
      StateChange takeover;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      do {
        takeover = peerChanges.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } while (takeover != null && takeover.to() != VrrpState.MASTER);
      assertThat(takeover).as("child log:%n%s", read(log)).isNotNull();
      assertThat(takeover.to()).isEqualTo(VrrpState.MASTER);
      assertThat(takeover.reason()).contains("master left (priority 0)");
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(read(log)).contains("stopping: sending priority 0");
    } finally {
      child.destroyForcibly();
      Runtime.getRuntime().removeShutdownHook(reaper);
      peer.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }
}
