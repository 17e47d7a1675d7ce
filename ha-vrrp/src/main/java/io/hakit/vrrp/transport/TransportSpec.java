package io.hakit.vrrp.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a VRRP instance asks of its transport: the interface, the address family, multicast
 * (no peers) or unicast peers, optionally a fixed source address (keepalived's
 * {@code unicast_src_ip}), and how its threads should be scheduled.
 */
public record TransportSpec(String interfaceName, boolean ipv6, List<InetAddress> unicastPeers,
    @Nullable InetAddress sourceAddress, ThreadScheduling scheduling) {
  public TransportSpec {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(scheduling, "scheduling");
    unicastPeers = List.copyOf(unicastPeers);
  }

  /** A spec whose threads keep the JVM's scheduling. */
  public TransportSpec(String interfaceName, boolean ipv6, List<InetAddress> unicastPeers,
      @Nullable InetAddress sourceAddress) {
    this(interfaceName, ipv6, unicastPeers, sourceAddress, ThreadScheduling.UNCHANGED);
  }

  public boolean isMulticast() {
    return unicastPeers.isEmpty();
  }
}
