package io.hakit.vrrp.linux;

import io.hakit.vrrp.transport.TransportSpec;
import io.hakit.vrrp.transport.VrrpTransport;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Makes raw-socket VRRP transports (IP protocol 112) on Linux: the real wire, interoperable with
 * keepalived. Needs CAP_NET_RAW (root, or systemd's {@code AmbientCapabilities=CAP_NET_RAW}).
 *
 * <pre>{@code
 * VrrpTransport t = new LinuxRawTransportFactory().create(
 *     new TransportSpec("eth0", false, List.of(), null));   // multicast 224.0.0.18 on eth0
 * }</pre>
 *
 * <p>{@link #create} resolves the interface and the source address (the given one, else the
 * interface's primary IPv4 or IPv6 link-local address) in the calling thread's network namespace;
 * {@link VrrpTransport#start} opens the sockets there too.
 */
public final class LinuxRawTransportFactory implements VrrpTransportFactory {

  public LinuxRawTransportFactory() {}

  /** True when raw sockets can be opened through JNA on this platform (privileges aside). */
  public static boolean isAvailable() {
    return unavailabilityCause() == null;
  }

  /** Why this platform cannot run the raw transport, or null when it can. */
  public static @Nullable String unavailabilityCause() {
    return LibC.unavailabilityCause();
  }

  @Override
  public VrrpTransport create(TransportSpec spec) throws IOException {
    String cause = unavailabilityCause();
    if (cause != null) {
      throw new IOException(cause);
    }
    InetAddress requested = spec.sourceAddress();
    if (requested != null && (requested instanceof Inet6Address) != spec.ipv6()) {
      throw new IllegalArgumentException("sourceAddress: " + requested.getHostAddress()
          + " (expected: an " + (spec.ipv6() ? "IPv6" : "IPv4") + " address)");
    }
    for (InetAddress peer : spec.unicastPeers()) {
      if ((peer instanceof Inet6Address) != spec.ipv6()) {
        throw new IllegalArgumentException("unicastPeers: " + peer.getHostAddress()
            + " (expected: " + (spec.ipv6() ? "IPv6" : "IPv4") + " addresses)");
      }
    }
    int ifindex = Interfaces.index(spec.interfaceName());
    InetAddress source = requested != null ? requested : Interfaces.primaryAddress(spec.interfaceName(), ifindex, spec.ipv6());
    return new LinuxRawTransport(spec, ifindex, source);
  }
}
