package io.hakit.vrrp;

import io.hakit.core.health.HealthSource;
import io.hakit.vrrp.internal.InetLiterals;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.address.VirtualAddressManager;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.ThreadScheduling;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link VrrpInstance}. Every setter checks its value at once and names the parameter and
 * the expected range in its message ({@code "vrid: 0 (expected: 1-255)"}); a single-valued option
 * set twice is an error; {@link #build()} checks the combination.
 *
 * <pre>{@code
 * VrrpInstance vi = VrrpInstance.builder()
 *     .name("VI_1").vrid(51).priority(150).interfaceName("eth0")
 *     .virtualAddress("198.18.0.200/24")
 *     .version(3).advertInterval(Duration.ofMillis(100))
 *     .track(proxyHealth, -60)
 *     .listener(change -> log.info("now {}", change.to()))
 *     .transportFactory(transports).addressManager(addresses)
 *     .build();
 * vi.start();
 * }</pre>
 */
public final class VrrpInstanceBuilder {
  private @Nullable String name;
  private @Nullable Integer vrid;
  private @Nullable Integer priority;
  private @Nullable String interfaceName;
  private final List<VirtualAddress> addresses = new ArrayList<>();
  private final List<String> addressesWithoutInterface = new ArrayList<>();
  private final List<VirtualAddress> excluded = new ArrayList<>();
  private final List<String> excludedWithoutInterface = new ArrayList<>();
  private @Nullable Integer version;
  private @Nullable Duration advertInterval;
  private @Nullable Boolean preempt;
  private @Nullable Duration preemptDelay;
  private final List<InetAddress> unicastPeers = new ArrayList<>();
  private @Nullable InetAddress sourceAddress;
  private @Nullable String password;
  private final List<TrackedSource> tracked = new ArrayList<>();
  private final List<VrrpStateListener> listeners = new ArrayList<>();
  private @Nullable VrrpTransportFactory transportFactory;
  private @Nullable VirtualAddressManager addressManager;
  private @Nullable GarpSettings garp;
  private @Nullable VrrpState initialState;
  private @Nullable Integer pacedAdvertsAhead;
  private @Nullable ThreadScheduling scheduling;

  VrrpInstanceBuilder() {}

  private static void checkUnset(@Nullable Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }

  private static int range(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + "-" + max + ")");
    }
    return value;
  }

  /** The instance name for logs and listeners ({@code VI_1}); required. */
  public VrrpInstanceBuilder name(String name) {
    checkUnset(this.name, "name");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: blank (expected: a non-empty name such as VI_1)");
    }
    this.name = name;
    return this;
  }

  /** The virtual router id, 1-255; required. */
  public VrrpInstanceBuilder vrid(int vrid) {
    checkUnset(this.vrid, "vrid");
    this.vrid = range(vrid, 1, 255, "vrid");
    return this;
  }

  /** 1-254 for a backup (default 100), 255 for the address owner. */
  public VrrpInstanceBuilder priority(int priority) {
    checkUnset(this.priority, "priority");
    this.priority = range(priority, 1, 255, "priority");
    return this;
  }

  /** The interface the instance runs on ({@code eth0}); required. */
  public VrrpInstanceBuilder interfaceName(String interfaceName) {
    checkUnset(this.interfaceName, "interfaceName");
    Objects.requireNonNull(interfaceName, "interfaceName");
    if (interfaceName.isBlank()) {
      throw new IllegalArgumentException("interfaceName: blank (expected: an interface name such as eth0)");
    }
    this.interfaceName = interfaceName;
    return this;
  }

  /** A virtual address on another interface than the instance's, or with a label already set. */
  public VrrpInstanceBuilder virtualAddress(VirtualAddress address) {
    addresses.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  /**
   * A virtual address on the instance's interface, written {@code 198.18.0.200/24},
   * {@code 2001:db8::1/64} or without prefix (a host address: /32 or /128).
   */
  public VrrpInstanceBuilder virtualAddress(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    parseAddress(cidr); // fail now, not at build()
    addressesWithoutInterface.add(cidr);
    return this;
  }

  /** A virtual address on the instance's interface. */
  public VrrpInstanceBuilder virtualAddress(InetAddress address, int prefixLength) {
    Objects.requireNonNull(address, "address");
    return virtualAddress(address.getHostAddress() + "/" + prefixLength);
  }

  /**
   * keepalived's {@code virtual_ipaddress_excluded}: an address added and removed with mastership
   * but not carried in adverts (so it may be of the other family, e.g. an IPv6 address with a
   * VRRPv2 instance). Written like {@link #virtualAddress(String)}; on the instance's interface.
   */
  public VrrpInstanceBuilder excludedAddress(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    parseAddress(cidr);
    excludedWithoutInterface.add(cidr);
    return this;
  }

  /** An excluded address on another interface. */
  public VrrpInstanceBuilder excludedAddress(VirtualAddress address) {
    excluded.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  static InetAddress parseAddressOnly(String text, String name) {
    InetAddress a = InetLiterals.parse(text);
    if (a == null) {
      throw new IllegalArgumentException(name + ": '" + text + "' (expected: an IPv4 or IPv6 address)");
    }
    return a;
  }

  private static VirtualAddress parseAddress(String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress a = parseAddressOnly(slash < 0 ? cidr : cidr.substring(0, slash), "virtualAddress");
    int max = a instanceof Inet4Address ? 32 : 128;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("virtualAddress: '" + cidr + "' (expected: prefix length 0-" + max + ")");
      }
    }
    return new VirtualAddress(a, prefix, "?");
  }

  /** 2 (RFC 3768, default, as keepalived) or 3 (RFC 5798, needed for IPv6 and sub-second intervals). */
  public VrrpInstanceBuilder version(int version) {
    checkUnset(this.version, "version");
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version: " + version + " (expected: 2 or 3)");
    }
    this.version = version;
    return this;
  }

  /**
   * The advert interval (default 1 s): version 2 whole seconds 1-255, version 3 a multiple of 10 ms
   * from 10 ms to 40.95 s. Checked against the version in {@link #build()}.
   */
  public VrrpInstanceBuilder advertInterval(Duration interval) {
    checkUnset(this.advertInterval, "advertInterval");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("advertInterval: " + interval + " (expected: > 0)");
    }
    this.advertInterval = interval;
    return this;
  }

  /** The advert interval in milliseconds. */
  public VrrpInstanceBuilder advertIntervalMillis(long millis) {
    return advertInterval(Duration.ofMillis(millis));
  }

  /** Preempt mode (default true): a higher-priority backup takes over from a lower master. */
  public VrrpInstanceBuilder preempt(boolean preempt) {
    checkUnset(this.preempt, "preempt");
    this.preempt = preempt;
    return this;
  }

  /** keepalived's {@code nopreempt}: never take over from a live master. */
  public VrrpInstanceBuilder nopreempt() {
    return preempt(false);
  }

  /**
   * keepalived's {@code preempt_delay} (0-1000 s): after start, or after the first lower-priority
   * advert, accept a lower master for this long before preempting.
   */
  public VrrpInstanceBuilder preemptDelay(Duration delay) {
    checkUnset(this.preemptDelay, "preemptDelay");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1000)) > 0) {
      throw new IllegalArgumentException("preemptDelay: " + delay + " (expected: 0-1000 s)");
    }
    this.preemptDelay = delay;
    return this;
  }

  /** A unicast peer (keepalived's {@code unicast_peer}); with none, adverts go to the multicast group. */
  public VrrpInstanceBuilder unicastPeer(InetAddress peer) {
    Objects.requireNonNull(peer, "peer");
    if (peer.isMulticastAddress() || peer.isAnyLocalAddress()) {
      throw new IllegalArgumentException("unicastPeer: " + peer.getHostAddress() + " (expected: a unicast address)");
    }
    unicastPeers.add(peer);
    return this;
  }

  /** A unicast peer given as a literal. */
  public VrrpInstanceBuilder unicastPeer(String peer) {
    return unicastPeer(parseAddressOnly(peer, "unicastPeer"));
  }

  /** The source address of adverts (keepalived's {@code unicast_src_ip} / {@code mcast_src_ip}). */
  public VrrpInstanceBuilder sourceAddress(InetAddress source) {
    checkUnset(this.sourceAddress, "sourceAddress");
    this.sourceAddress = Objects.requireNonNull(source, "source");
    return this;
  }

  public VrrpInstanceBuilder sourceAddress(String source) {
    return sourceAddress(parseAddressOnly(source, "sourceAddress"));
  }

  /**
   * Version 2 simple-password authentication (auth type 1, keepalived's {@code auth_type PASS}):
   * 1-8 characters; longer ones are cut to 8 bytes by keepalived, so they are refused here.
   */
  public VrrpInstanceBuilder password(String password) {
    checkUnset(this.password, "password");
    Objects.requireNonNull(password, "password");
    int len = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (len < 1 || len > 8) {
      throw new IllegalArgumentException("password: " + len + " bytes (expected: 1-8)");
    }
    this.password = password;
    return this;
  }

  /**
   * Tracks a health source (keepalived's {@code track_script} weights, -253..253): 0 forces FAULT
   * while it is down; a positive weight is added while it is up; a negative one while it is down.
   */
  public VrrpInstanceBuilder track(HealthSource source, int weight) {
    Objects.requireNonNull(source, "source");
    tracked.add(new TrackedSource(source, range(weight, -253, 253, "weight")));
    return this;
  }

  /** Adds a state listener (keepalived's notify hooks). */
  public VrrpInstanceBuilder listener(VrrpStateListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Where adverts go: raw IP on Linux, UDP, in-JVM; required. */
  public VrrpInstanceBuilder transportFactory(VrrpTransportFactory factory) {
    checkUnset(this.transportFactory, "transportFactory");
    this.transportFactory = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /** What moves the virtual addresses; required. */
  public VrrpInstanceBuilder addressManager(VirtualAddressManager manager) {
    checkUnset(this.addressManager, "addressManager");
    this.addressManager = Objects.requireNonNull(manager, "manager");
    return this;
  }

  /** Gratuitous ARP / NA settings (default {@link GarpSettings#KEEPALIVED_DEFAULTS}). */
  public VrrpInstanceBuilder garp(GarpSettings garp) {
    checkUnset(this.garp, "garp");
    this.garp = Objects.requireNonNull(garp, "garp");
    return this;
  }

  /**
   * keepalived's {@code state}: only matters for the owner (priority 255), which starts as master
   * unless BACKUP is given (then it waits a Master_Down_Interval like any backup).
   */
  public VrrpInstanceBuilder initialState(VrrpState state) {
    checkUnset(this.initialState, "initialState");
    Objects.requireNonNull(state, "state");
    if (state != VrrpState.MASTER && state != VrrpState.BACKUP) {
      throw new IllegalArgumentException("initialState: " + state + " (expected: MASTER or BACKUP)");
    }
    this.initialState = state;
    return this;
  }

  /**
   * How many of a master's next timed adverts are queued in the kernel, where the transport can
   * (the Linux raw transport: io_uring, Linux 5.16+), so that they leave on their deadlines while
   * the JVM is stopped at a GC safepoint or starved of CPU; 0 sends every advert from the
   * instance's thread. Default: enough to cover {@value #DEFAULT_PACED_MILLIS} ms (10 at 100 ms, 1
   * from 1 s on; G1 and Parallel pauses of up to 0.6 s were measured under load). A pause up to that
   * long leaves no gap in the adverts, and one up to that plus the backups' Master_Down_Interval
   * causes no failover; a JVM frozen for good keeps advertising that much longer than keepalived
   * would (a crashed or killed one stops at once: its queue dies with the process).
   */
  public VrrpInstanceBuilder pacedAdvertsAhead(int adverts) {
    checkUnset(this.pacedAdvertsAhead, "pacedAdvertsAhead");
    this.pacedAdvertsAhead = range(adverts, 0, 16, "pacedAdvertsAhead");
    return this;
  }

  /** How far ahead {@link #pacedAdvertsAhead(int)} queues by default, in milliseconds. */
  public static final int DEFAULT_PACED_MILLIS = 1000;

  static int defaultPacedAhead(int intervalCentis) {
    int intervalMillis = intervalCentis * 10;
    return Math.max(1, Math.min(16, (DEFAULT_PACED_MILLIS + intervalMillis - 1) / intervalMillis));
  }

  /**
   * Nice value, SCHED_RR priority and memory locking for the instance's scheduler thread and the
   * transport's receive thread (keepalived's {@code vrrp_priority}, {@code vrrp_rt_priority},
   * {@code vrrp_no_swap}); applied by transports that can, warned about and skipped without the
   * privilege. Default {@link ThreadScheduling#UNCHANGED}.
   */
  public VrrpInstanceBuilder scheduling(ThreadScheduling scheduling) {
    checkUnset(this.scheduling, "scheduling");
    this.scheduling = Objects.requireNonNull(scheduling, "scheduling");
    return this;
  }

  /** Checks the combination and builds the (not yet started) instance. */
  public VrrpInstance build() {
    String n = require(name, "name");
    int id = require(vrid, "vrid");
    String ifName = require(interfaceName, "interfaceName");
    VrrpTransportFactory factory = require(transportFactory, "transportFactory");
    VirtualAddressManager manager = require(addressManager, "addressManager");
    int v = version == null ? 2 : version;
    List<VirtualAddress> all = new ArrayList<>(addresses);
    for (String cidr : addressesWithoutInterface) {
      VirtualAddress parsed = parseAddress(cidr);
      all.add(new VirtualAddress(parsed.address(), parsed.prefixLength(), ifName));
    }
    List<VirtualAddress> allExcluded = new ArrayList<>(excluded);
    for (String cidr : excludedWithoutInterface) {
      VirtualAddress parsed = parseAddress(cidr);
      allExcluded.add(new VirtualAddress(parsed.address(), parsed.prefixLength(), ifName));
    }
    boolean ipv6 = familyIsIpv6(all);
    if (ipv6 && v == 2) {
      throw new IllegalArgumentException("version: 2 with IPv6 virtual addresses (expected: version 3 for IPv6)");
    }
    for (InetAddress peer : unicastPeers) {
      if ((peer instanceof Inet6Address) != ipv6) {
        throw new IllegalArgumentException("unicastPeer: " + peer.getHostAddress()
            + " (expected: the virtual addresses' family, " + (ipv6 ? "IPv6" : "IPv4") + ")");
      }
    }
    if (sourceAddress != null && (sourceAddress instanceof Inet6Address) != ipv6) {
      throw new IllegalArgumentException("sourceAddress: " + sourceAddress.getHostAddress()
          + " (expected: the virtual addresses' family, " + (ipv6 ? "IPv6" : "IPv4") + ")");
    }
    int intervalCentis = intervalCentis(v);
    if (password != null && v != 2) {
      throw new IllegalArgumentException("password: set with version 3 (expected: version 2; RFC 5798 has no authentication)");
    }
    return new VrrpInstance(new InstanceSettings(n, id, priority == null ? 100 : priority, ifName, all, allExcluded, v,
        intervalCentis, preempt == null || preempt, preemptDelay == null ? Duration.ZERO : preemptDelay,
        unicastPeers, sourceAddress, password, tracked, listeners, factory, manager,
        garp == null ? GarpSettings.KEEPALIVED_DEFAULTS : garp, initialState != VrrpState.BACKUP, ipv6,
        pacedAdvertsAhead == null ? defaultPacedAhead(intervalCentis) : pacedAdvertsAhead,
        scheduling == null ? ThreadScheduling.UNCHANGED : scheduling));
  }

  private boolean familyIsIpv6(List<VirtualAddress> all) {
    if (!all.isEmpty()) {
      boolean first = !all.get(0).isIpv4();
      for (VirtualAddress a : all) {
        if (a.isIpv4() == first) {
          throw new IllegalArgumentException("virtualAddress: " + a + " (expected: all IPv4 or all IPv6;"
              + " run one instance per family as keepalived does)");
        }
      }
      return first;
    }
    if (sourceAddress != null) {
      return sourceAddress instanceof Inet6Address;
    }
    return !unicastPeers.isEmpty() && unicastPeers.get(0) instanceof Inet6Address;
  }

  private int intervalCentis(int v) {
    Duration d = advertInterval == null ? Duration.ofSeconds(1) : advertInterval;
    if (v == 2) {
      if (d.getNano() != 0 || d.getSeconds() < 1 || d.getSeconds() > 255) {
        throw new IllegalArgumentException("advertInterval: " + d + " (expected: whole seconds 1-255 with version 2)");
      }
      return (int) d.getSeconds() * 100;
    }
    long millis = d.toMillis();
    if (d.toNanos() % 10_000_000L != 0 || millis < 10 || millis > 40_950) {
      throw new IllegalArgumentException("advertInterval: " + d
          + " (expected: a multiple of 10 ms from 10 ms to 40.95 s with version 3)");
    }
    return (int) (millis / 10);
  }

  private static <T> T require(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException(name + ": not set (expected: call " + name + "(...) before build())");
    }
    return value;
  }
}
