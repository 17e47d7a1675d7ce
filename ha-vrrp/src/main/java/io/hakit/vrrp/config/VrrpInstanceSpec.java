package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import io.hakit.vrrp.GarpSettings;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.fsm.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code vrrp_instance} block, with keepalived's defaults already applied.
 *
 * @param state {@code state MASTER|BACKUP}, or null when absent
 * @param priority the priority after keepalived's rules (absent: 255 with {@code state MASTER}, else 100)
 * @param advertInterval {@code advert_int} (v2: whole seconds, v3: centiseconds)
 * @param version 2 or 3 (instance {@code version}, else global {@code vrrp_version}, else 2)
 * @param preempt false with {@code nopreempt}
 * @param password the v2 {@code auth_pass} of {@code auth_type PASS}, or null
 * @param excludedAddresses {@code virtual_ipaddress_excluded}: moved with mastership, not advertised
 * @param sourceAddress {@code unicast_src_ip} or {@code mcast_src_ip}, or null
 * @param trackPrimaryInterface false with {@code dont_track_primary}
 * @param garp the instance's {@code garp_master_*} settings over the global ones
 */
public record VrrpInstanceSpec(String name, @Nullable VrrpState state, String interfaceName, int vrid, int priority,
    Duration advertInterval, int version, boolean preempt, Duration preemptDelay, @Nullable String password,
    List<VirtualAddress> virtualAddresses, List<VirtualAddress> excludedAddresses, @Nullable InetAddress sourceAddress, List<InetAddress> unicastPeers,
    List<TrackRef> trackScripts, List<TrackRef> trackInterfaces, boolean trackPrimaryInterface, NotifyScripts notifyScripts,
    GarpSettings garp, Origin origin) {
  public VrrpInstanceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(advertInterval, "advertInterval");
    Objects.requireNonNull(preemptDelay, "preemptDelay");
    virtualAddresses = List.copyOf(virtualAddresses);
    excludedAddresses = List.copyOf(excludedAddresses);
    unicastPeers = List.copyOf(unicastPeers);
    trackScripts = List.copyOf(trackScripts);
    trackInterfaces = List.copyOf(trackInterfaces);
    Objects.requireNonNull(notifyScripts, "notifyScripts");
    Objects.requireNonNull(garp, "garp");
    Objects.requireNonNull(origin, "origin");
  }
}
