package io.hakit.vrrp.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a VRRP instance asks of its transport: the interface, the address family, multicast
 * (no peers) or unicast peers, and optionally a fixed source address (keepalived's
 * {@code unicast_src_ip}).
 */
public record TransportSpec(String interfaceName, boolean ipv6, List<InetAddress> unicastPeers,
    @Nullable InetAddress sourceAddress) {
  public TransportSpec {
    Objects.requireNonNull(interfaceName, "interfaceName");
    unicastPeers = List.copyOf(unicastPeers);
  }

  public boolean isMulticast() {
    return unicastPeers.isEmpty();
  }
}
