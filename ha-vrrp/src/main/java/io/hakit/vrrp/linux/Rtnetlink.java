package io.hakit.vrrp.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Talks rtnetlink to the kernel of the calling thread's network namespace: one NETLINK_ROUTE
 * socket per call (microseconds; calls happen on state changes only), a receive timeout so that a
 * call never hangs, and sequence numbers to match answers to requests. Thread-safe: nothing shared
 * but the sequence counter.
 */
final class Rtnetlink {
  private static final int RECEIVE_TIMEOUT_MILLIS = 2000;
  private static final int BUFFER_SIZE = 32 * 1024;
  private static final int SOL_NETLINK = 270;
  private static final int NETLINK_EXT_ACK = 11;
  private static final AtomicInteger sequences = new AtomicInteger((int) (System.nanoTime() & 0xffff));

  private Rtnetlink() {}

  /** Adds or deletes an address; returns the kernel's ACK (errno 0) or refusal (EEXIST, EADDRNOTAVAIL...). */
  static RtnlMessages.Ack changeAddress(boolean add, InetAddress address, int prefixLength, int ifindex,
      io.hakit.vrrp.address.AddressOptions options) throws IOException {
    int sequence = sequences.incrementAndGet();
    byte[] request = RtnlMessages.addressRequest(add, sequence, address, prefixLength, ifindex, options);
    try (NativeSocket socket = open()) {
      socket.sendTo(request, request.length, NativeStructs.sockaddrNl(), add ? "RTM_NEWADDR" : "RTM_DELADDR");
      byte[] buffer = new byte[BUFFER_SIZE];
      for (int datagrams = 0; datagrams < 64; datagrams++) {
        int length = socket.receive(buffer, 0, "ACK");
        RtnlMessages.Ack ack = RtnlMessages.ack(buffer, Math.min(length, buffer.length), sequence);
        if (ack != null) {
          return ack;
        }
      }
      throw new IOException("rtnetlink: no answer to request " + sequence);
    }
  }

  /** Every address of one family ({@link LibC#AF_INET} or {@link LibC#AF_INET6}) on every interface. */
  static List<InterfaceAddress> addresses(int family) throws IOException {
    int sequence = sequences.incrementAndGet();
    byte[] request = RtnlMessages.dumpRequest(sequence, family);
    List<InterfaceAddress> out = new ArrayList<>();
    try (NativeSocket socket = open()) {
      socket.sendTo(request, request.length, NativeStructs.sockaddrNl(), "RTM_GETADDR");
      byte[] buffer = new byte[BUFFER_SIZE];
      // Bounded: a dump of even thousands of addresses takes far fewer datagrams.
      for (int datagrams = 0; datagrams < 10_000; datagrams++) {
        int length = socket.receive(buffer, 0, "RTM_GETADDR dump");
        if (RtnlMessages.readDump(buffer, Math.min(length, buffer.length), sequence, out)) {
          return out;
        }
      }
      throw new IOException("rtnetlink: address dump did not end");
    }
  }

  private static NativeSocket open() throws IOException {
    NativeSocket socket = NativeSocket.open(LibC.AF_NETLINK, LibC.SOCK_RAW, LibC.NETLINK_ROUTE, "rtnetlink");
    try {
      socket.setBytes(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, NativeStructs.timeval(RECEIVE_TIMEOUT_MILLIS), "SO_RCVTIMEO");
      try {
        socket.setInt(SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
      } catch (ErrnoException e) {
        // kernels before 4.12: errors come without the kernel's explanation
      }
      socket.bind(NativeStructs.sockaddrNl(), "nl_pid 0");
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
