package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.transport.PacedSender;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kernel-timed sends on a raw protocol-112 socket over loopback: after {@code sendAt} the test
 * thread only blocks in recv(2), so whatever arrives was sent by the kernel on its own, never
 * before its deadline; a cancelled message never leaves.
 */
class IoUringPacedSenderIT {
  private static final long MS = 1_000_000L;
  private static final InetAddress TO = address("127.0.0.73");

  private final byte[] token = new byte[8];
  private NativeSocket sender;
  private NativeSocket receiver;
  private IoUringPacedSender paced;

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void open() throws IOException {
    Interop.require(Interop.root());
    ThreadLocalRandom.current().nextBytes(token);
    receiver = NativeSocket.open(LibC.AF_INET, LibC.SOCK_RAW, LibC.IPPROTO_VRRP, "test receive");
    receiver.bind(NativeStructs.sockaddr(TO, 0), "127.0.0.73");
    receiver.setBytes(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, NativeStructs.timeval(100), "SO_RCVTIMEO");
    sender = NativeSocket.open(LibC.AF_INET, LibC.SOCK_RAW, LibC.IPPROTO_VRRP, "test send");
    paced = IoUringPacedSender.open(sender.fd(), 0, 0, 4, "test send");
  }

  @AfterEach
  void close() {
    if (paced != null) {
      paced.close();
    }
    if (sender != null) {
      sender.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private byte[] message(int index) {
    byte[] m = Arrays.copyOf(token, token.length + 1);
    m[token.length] = (byte) index;
    return m;
  }

  /** Our next message's index and arrival time, or null when none came within {@code millis}. */
  private long[] receive(long millis) {
    byte[] buffer = new byte[256];
    long end = System.nanoTime() + millis * MS;
    for (int i = 0; i < 1_000 && System.nanoTime() - end < 0; i++) {
      int length;
      try {
        length = receiver.receive(buffer, 0, "test");
      } catch (IOException e) {
        continue; // EAGAIN after the 100 ms receive timeout
      }
      long at = System.nanoTime();
      int header = (buffer[0] & 0x0f) * 4;
      if (length == header + token.length + 1
          && Arrays.equals(buffer, header, header + token.length, token, 0, token.length)) {
        return new long[] {buffer[header + token.length], at};
      }
    }
    return null;
  }

  @Test
  void sendAt_threeDeadlines_kernelSendsEachInOrderNeverEarly() throws IOException {
    long start = System.nanoTime();
    long[] deadlines = {start + 40 * MS, start + 80 * MS, start + 120 * MS};
    for (int i = 0; i < deadlines.length; i++) {
      paced.sendAt(message(i), TO, deadlines[i]);
    }
    assertThat(paced.queued()).isEqualTo(3);
    for (int i = 0; i < deadlines.length; i++) {
      long[] got = receive(2_000);
      assertThat(got).as("message %d", i).isNotNull();
      assertThat(got[0]).isEqualTo(i);
      assertThat(got[1]).isGreaterThanOrEqualTo(deadlines[i]);
    }
    List<Long> sent = new ArrayList<>();
    long end = System.nanoTime() + 2_000 * MS;
    while (sent.size() < 3 && System.nanoTime() - end < 0) {
      paced.reap(outcomes(sent));
      LockSupport.parkNanos(MS);
    }
    assertThat(sent).containsExactly(deadlines[0], deadlines[1], deadlines[2]);
    assertThat(paced.queued()).isZero();
  }

  @Test
  void cancelAll_beforeTheDeadline_nothingLeaves() throws IOException {
    paced.sendAt(message(9), TO, System.nanoTime() + 150 * MS);
    paced.cancelAll();
    assertThat(receive(400)).isNull();
    List<Long> sent = new ArrayList<>();
    long end = System.nanoTime() + 2_000 * MS;
    while (paced.queued() > 0 && System.nanoTime() - end < 0) {
      paced.reap(outcomes(sent));
      LockSupport.parkNanos(MS);
    }
    assertThat(paced.queued()).isZero();
    assertThat(sent).isEmpty();
  }

  @Test
  void sendAt_full_refusedUntilCompleted() throws IOException {
    long far = System.nanoTime() + 10_000 * MS;
    for (int i = 0; i < paced.capacity(); i++) {
      paced.sendAt(message(i), TO, far);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> paced.sendAt(message(99), TO, far))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
  }

  private static PacedSender.Outcomes outcomes(List<Long> sent) {
    return new PacedSender.Outcomes() {
      @Override
      public void sent(long deadlineNanos) {
        sent.add(deadlineNanos);
      }

      @Override
      public void failed(long deadlineNanos, String error) {
        throw new AssertionError(error);
      }
    };
  }
}
