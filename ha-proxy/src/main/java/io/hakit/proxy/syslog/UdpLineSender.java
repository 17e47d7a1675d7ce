package io.hakit.proxy.syslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Syslog over UDP: one connected, non-blocking datagram channel. Connected so that the kernel does
 * not route each line again; an ICMP "port unreachable" (no syslog daemon) only drops lines.
 */
final class UdpLineSender implements LineSender {
  private final DatagramChannel channel;

  UdpLineSender(InetSocketAddress target) {
    try {
      channel = DatagramChannel.open();
      channel.configureBlocking(false);
      channel.connect(target);
    } catch (IOException e) {
      throw new UncheckedIOException("log target " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean send(ByteBuffer line) {
    try {
      return channel.write(line) > 0;
    } catch (IOException e) {
      // PortUnreachableException after an ICMP error, or a full socket buffer: the line is lost.
      return false;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a datagram channel has nothing left to lose
    }
  }
}
