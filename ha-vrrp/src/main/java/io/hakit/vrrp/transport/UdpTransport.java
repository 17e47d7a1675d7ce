package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/** One instance's view of a shared UDP socket; made by {@link UdpTransportFactory}. */
public final class UdpTransport implements VrrpTransport {
  private final UdpTransportFactory factory;
  private final InetSocketAddress local;
  private final int peerPort;
  private final @Nullable PacedSenderFactory pacing;
  private @Nullable UdpSharedSocket socket;
  private @Nullable Receiver receiver;
  private boolean closed;

  UdpTransport(UdpTransportFactory factory, InetSocketAddress local, int peerPort, @Nullable PacedSenderFactory pacing) {
    this.factory = factory;
    this.local = local;
    this.peerPort = peerPort;
    this.pacing = pacing;
  }

  @Override
  public synchronized void start(Receiver r) throws IOException {
    if (closed) {
      throw new IOException("UDP transport " + local + " is closed");
    }
    if (socket != null) {
      throw new IllegalStateException("UDP transport " + local + " already started");
    }
    UdpSharedSocket s = factory.acquire(local);
    s.register(r);
    socket = s;
    receiver = r;
  }

  @Override
  public void send(byte[] vrrpMessage, InetAddress destination) throws IOException {
    UdpSharedSocket s;
    synchronized (this) {
      s = socket;
    }
    if (s == null || s.isClosed()) {
      throw new IOException("UDP transport " + local + " is not open");
    }
    s.send(vrrpMessage, new InetSocketAddress(destination, peerPort));
  }

  @Override
  public @Nullable PacedSender openPacedSender(int capacity) throws IOException {
    return pacing == null ? null : pacing.openUdp(local.getAddress(), peerPort, capacity);
  }

  @Override
  public InetAddress sourceAddress() {
    return local.getAddress();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    UdpSharedSocket s = socket;
    Receiver r = receiver;
    if (s != null) {
      if (r != null) {
        s.unregister(r);
      }
      factory.release(local, s);
    }
    socket = null;
  }
}
