package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.TransportSpec;
import io.hakit.vrrp.transport.VrrpTransport;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A backup whose down timer is due while its transport reports an advert not yet read (the receive
 * thread starved or stopped at a safepoint) gives that advert up to one interval to arrive, and
 * then takes over all the same. VRRPv3 at 100 ms, priority 100: Master_Down_Interval 361 ms.
 */
class BackupDownTimerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static VrrpTransportFactory pending(VrrpTransportFactory inner, boolean pendingInput) {
    return (TransportSpec spec) -> {
      VrrpTransport t = inner.create(spec);
      return new VrrpTransport() {
        @Override
        public void start(Receiver receiver) throws IOException {
          t.start(receiver);
        }

        @Override
        public void send(byte[] message, InetAddress destination) throws IOException {
          t.send(message, destination);
        }

        @Override
        public @Nullable PacedSender openPacedSender(int capacity) {
          return null;
        }

        @Override
        public boolean receivePending() {
          return pendingInput;
        }

        @Override
        public InetAddress sourceAddress() {
          return t.sourceAddress();
        }

        @Override
        public void close() {
          t.close();
        }
      };
    };
  }

  private static long millisToMaster(boolean pendingInput) throws Exception {
    InJvmLink link = new InJvmLink("down");
    Node b = new Node("B", 100, pending(link.factory(VrrpInstanceBuilder.parseAddressOnly("198.18.0.32", "test")),
        pendingInput), x -> x.version(3).advertInterval(Duration.ofMillis(100)));
    long start = System.nanoTime();
    b.start();
    try {
      b.states.awaitLatest(VrrpState.MASTER, WAIT);
      return (System.nanoTime() - start) / 1_000_000L;
    } finally {
      b.close();
    }
  }

  @Test
  void downTimerDue_advertPendingInSocket_waitsAtMostOneIntervalMore() throws Exception {
    assertThat(millisToMaster(true)).isGreaterThanOrEqualTo(361 + 100);
  }

  @Test
  void downTimerDue_nothingPending_takesOverAfterMasterDownInterval() throws Exception {
    assertThat(millisToMaster(false)).isGreaterThanOrEqualTo(361);
  }
}
