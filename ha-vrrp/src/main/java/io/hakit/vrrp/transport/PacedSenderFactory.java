package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Opens kernel-timed senders for a transport that has no native socket of its own: the UDP
 * transport takes one ({@link UdpTransportFactory#UdpTransportFactory(int, InetAddress,
 * PacedSenderFactory)}), and {@code io.hakit.vrrp.linux.LinuxPacedSenders} is the Linux one.
 */
@FunctionalInterface
public interface PacedSenderFactory {

  /**
   * A sender of UDP datagrams from {@code source} (an ephemeral port: receivers check the address,
   * not the port) to port {@code port} of each destination, or null when it cannot here.
   */
  @Nullable PacedSender openUdp(InetAddress source, int port, int capacity) throws IOException;
}
