package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket shared by the instances of one source address: a receive thread
 * ({@code vrrp-udp-ADDRESS:PORT}) hands every datagram to every registered receiver, which check
 * the VRID themselves. Reference-counted by {@link UdpTransportFactory}.
 */
final class UdpSharedSocket {
  private static final Logger logger = LoggerFactory.getLogger(UdpSharedSocket.class);
  private static final int MAX_DATAGRAM = 2048;

  private final DatagramChannel channel;
  private final InetSocketAddress local;
  private final CopyOnWriteArrayList<VrrpTransport.Receiver> receivers = new CopyOnWriteArrayList<>();
  private int references; // guarded by the factory's lock
  private volatile boolean closed;

  private UdpSharedSocket(DatagramChannel channel, InetSocketAddress local) {
    this.channel = channel;
    this.local = local;
  }

  static UdpSharedSocket open(InetSocketAddress local) throws IOException {
    DatagramChannel ch = DatagramChannel.open(local.getAddress() instanceof java.net.Inet6Address
        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
    try {
      // No SO_REUSEADDR: on Linux a second unicast UDP socket on the same address would silently
      // take every datagram from the first (and leave that instance deaf); a clash must fail here.
      ch.bind(local);
    } catch (IOException e) {
      ch.close();
      throw new IOException("cannot bind UDP " + local + ": " + e.getMessage(), e);
    }
    UdpSharedSocket s = new UdpSharedSocket(ch, local);
    Thread t = new Thread(s::receiveLoop, "vrrp-udp-" + local.getAddress().getHostAddress() + ":" + local.getPort());
    t.setDaemon(true);
    t.start();
    return s;
  }

  void register(VrrpTransport.Receiver r) {
    receivers.add(r);
  }

  void unregister(VrrpTransport.Receiver r) {
    receivers.remove(r);
  }

  void send(byte[] message, SocketAddress to) throws IOException {
    channel.send(ByteBuffer.wrap(message), to);
  }

  boolean isClosed() {
    return closed;
  }

  void retain() {
    references++;
  }

  /** True when this was the last reference and the socket is now closed. */
  boolean release() {
    if (--references > 0) {
      return false;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      logger.debug("closing UDP {}: {}", local, e.toString());
    }
    return true;
  }

  private void receiveLoop() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    InetAddress destination = local.getAddress();
    while (!closed) {
      try {
        buf.clear();
        SocketAddress from = channel.receive(buf);
        if (!(from instanceof InetSocketAddress sender)) {
          continue;
        }
        buf.flip();
        byte[] payload = new byte[buf.remaining()];
        buf.get(payload);
        ReceivedMessage m = new ReceivedMessage(sender.getAddress(), destination, 255, payload);
        for (VrrpTransport.Receiver r : receivers) {
          try {
            r.onMessage(m);
          } catch (RuntimeException e) {
            logger.warn("UDP {}: receiver failed", local, e);
          }
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) {
          logger.warn("UDP {}: receive failed: {}", local, e.toString());
        }
      }
    }
  }
}
