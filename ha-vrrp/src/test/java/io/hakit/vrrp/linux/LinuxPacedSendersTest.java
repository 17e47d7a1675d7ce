package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.PacedSenderFactory;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Kernel-timed UDP datagrams to a port on loopback, without privilege, for the UDP transport. */
class LinuxPacedSendersTest {
  private static final long MS = 1_000_000L;

  @Test
  void openUdp_twoDeadlines_datagramsArriveInOrderNeverEarly() throws Exception {
    PacedSenderFactory factory = LinuxPacedSenders.ifAvailable();
    Assumptions.assumeTrue(factory != null, "JNA natives not available here");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      receiver.setSoTimeout(2_000);
      PacedSender sender;
      try {
        sender = factory.openUdp(loopback, receiver.getLocalPort(), 2);
      } catch (IOException e) {
        Assumptions.abort("io_uring unusable here: " + e.getMessage());
        return;
      }
      try {
        long start = System.nanoTime();
        long[] deadlines = {start + 30 * MS, start + 60 * MS};
        sender.sendAt(new byte[] {1}, loopback, deadlines[0]);
        sender.sendAt(new byte[] {2}, loopback, deadlines[1]);
        for (int i = 0; i < 2; i++) {
          DatagramPacket p = new DatagramPacket(new byte[16], 16);
          receiver.receive(p);
          long at = System.nanoTime();
          assertThat(Arrays.copyOf(p.getData(), p.getLength())).containsExactly((byte) (i + 1));
          assertThat(p.getAddress()).isEqualTo(loopback);
          assertThat(at).isGreaterThanOrEqualTo(deadlines[i]);
        }
      } finally {
        sender.close();
      }
    }
  }
}
