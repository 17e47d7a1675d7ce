package io.hakit.vrrp;

import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.address.VirtualAddressManager;
import io.hakit.vrrp.transport.ThreadScheduling;
import io.hakit.vrrp.transport.TransportSpec;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The validated, immutable settings of one instance (what the builder produced). */
record InstanceSettings(String name, int vrid, int priority, String interfaceName, List<VirtualAddress> addresses,
    List<VirtualAddress> excludedAddresses,
    int version, int advertIntervalCentis, boolean preempt, Duration preemptDelay, List<InetAddress> unicastPeers,
    @Nullable InetAddress sourceAddress, @Nullable String password, List<TrackedSource> tracked,
    List<VrrpStateListener> listeners, VrrpTransportFactory transportFactory, VirtualAddressManager addressManager,
    GarpSettings garp, boolean ownerStartsAsMaster, boolean ipv6, int pacedAdvertsAhead,
    ThreadScheduling scheduling) {

  InstanceSettings {
    addresses = List.copyOf(addresses);
    excludedAddresses = List.copyOf(excludedAddresses);
    unicastPeers = List.copyOf(unicastPeers);
    tracked = List.copyOf(tracked);
    listeners = List.copyOf(listeners);
  }

  TransportSpec transportSpec() {
    return new TransportSpec(interfaceName, ipv6, unicastPeers, sourceAddress, scheduling);
  }

  /** Every address the instance adds while master: the advertised ones, then the excluded ones. */
  List<VirtualAddress> managedAddresses() {
    List<VirtualAddress> all = new java.util.ArrayList<>(addresses);
    all.addAll(excludedAddresses);
    return all;
  }

  List<InetAddress> advertisedAddresses() {
    return addresses.stream().map(VirtualAddress::address).toList();
  }
}
