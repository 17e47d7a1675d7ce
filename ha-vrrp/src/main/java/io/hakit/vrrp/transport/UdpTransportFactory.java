package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * VRRP over UDP between unicast peers, for containers and clouds where neither multicast nor IP
 * protocol 112 get through and no privilege is available. Every node listens on the same port on
 * its source address and sends each advert to every peer on that port. Not on the wire format of
 * keepalived (which needs raw IP): HAKit nodes only.
 *
 * <p>Instances with the same source address share one socket (distinguished by VRID, as keepalived
 * shares its raw socket). The TTL cannot be read from a UDP socket; messages are reported with 255
 * and the VRRP checksum and VRID checks still apply.
 */
public final class UdpTransportFactory implements VrrpTransportFactory {
  /** The port used when none is given (unassigned by IANA; any free port works). */
  public static final int DEFAULT_PORT = 11_200;

  private final int port;
  private final @Nullable InetAddress defaultSource;
  private final @Nullable PacedSenderFactory pacing;
  private final Map<InetSocketAddress, UdpSharedSocket> sockets = new HashMap<>();

  /** Listens and sends on {@code port}; each instance must set its source address. */
  public UdpTransportFactory(int port) {
    this(port, null);
  }

  /** Listens and sends on {@code port}; instances without a source address use {@code defaultSource}. */
  public UdpTransportFactory(int port, @Nullable InetAddress defaultSource) {
    this(port, defaultSource, null);
  }

  /**
   * As {@link #UdpTransportFactory(int, InetAddress)}, with timed adverts queued in the kernel by
   * {@code pacing} (for example {@code LinuxPacedSenders.ifAvailable()}) so that GC pauses do not
   * delay them; null sends every advert from the instance's thread.
   */
  public UdpTransportFactory(int port, @Nullable InetAddress defaultSource, @Nullable PacedSenderFactory pacing) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
    this.port = port;
    this.defaultSource = defaultSource;
    this.pacing = pacing;
  }

  public int port() {
    return port;
  }

  @Override
  public VrrpTransport create(TransportSpec spec) throws IOException {
    if (spec.isMulticast()) {
      throw new IOException("UDP transport needs unicast peers (unicast_peer); multicast VRRP needs the raw"
          + " IP transport");
    }
    InetAddress source = spec.sourceAddress() != null ? spec.sourceAddress() : defaultSource;
    if (source == null) {
      throw new IOException("UDP transport needs a source address (unicast_src_ip / sourceAddress)");
    }
    return new UdpTransport(this, new InetSocketAddress(source, port), port, pacing);
  }

  synchronized UdpSharedSocket acquire(InetSocketAddress local) throws IOException {
    UdpSharedSocket s = sockets.get(local);
    if (s == null || s.isClosed()) {
      s = UdpSharedSocket.open(local);
      sockets.put(local, s);
    }
    s.retain();
    return s;
  }

  synchronized void release(InetSocketAddress local, UdpSharedSocket s) {
    if (s.release()) {
      sockets.remove(local, s);
    }
  }
}
