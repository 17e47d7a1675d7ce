package io.hakit.vrrp.linux;

import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.PacedSenderFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Kernel-timed UDP senders (io_uring, Linux 5.16+, no privilege needed) for the UDP transport:
 * {@code new UdpTransportFactory(port, null, LinuxPacedSenders.ifAvailable())}. Each sender owns a
 * UDP socket bound to the instance's source address on an ephemeral port.
 */
public final class LinuxPacedSenders implements PacedSenderFactory {

  private LinuxPacedSenders() {}

  /** The factory where the natives load (Linux LP64 with JNA), else null. */
  public static @Nullable PacedSenderFactory ifAvailable() {
    return LibC.unavailabilityCause() == null ? new LinuxPacedSenders() : null;
  }

  @Override
  public PacedSender openUdp(InetAddress source, int port, int capacity) throws IOException {
    boolean v6 = source instanceof Inet6Address;
    try (NativeSocket socket = NativeSocket.open(v6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_DGRAM, 0,
        "paced UDP from " + source.getHostAddress())) {
      socket.bind(NativeStructs.sockaddr(source, 0), source.getHostAddress());
      // The sender works on its own duplicate of the descriptor; this one closes here.
      return IoUringPacedSender.open(socket.fd(), 0, port, capacity, socket.name());
    }
  }
}
