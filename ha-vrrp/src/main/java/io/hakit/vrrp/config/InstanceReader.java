package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import io.hakit.vrrp.GarpSettings;
import io.hakit.vrrp.address.AddressOptions;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.fsm.VrrpState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code vrrp_instance NAME { ... }}: keyword table, then keepalived's defaults and consistency rules. */
final class InstanceReader {
  /** What a vrrp_instance block sets, as read. */
  static final class Instance {
    @Nullable VrrpState state;
    @Nullable String interfaceName;
    @Nullable Integer vrid;
    @Nullable Integer priority;
    @Nullable BigDecimal advertInt;
    @Nullable Origin advertIntOrigin;
    @Nullable Integer version;
    boolean nopreempt;
    @Nullable Origin nopreemptOrigin;
    @Nullable Duration preemptDelay;
    @Nullable Origin preemptDelayOrigin;
    @Nullable String authType;
    @Nullable String password;
    @Nullable Origin authOrigin;
    final List<VipLine> vips = new ArrayList<>();
    final List<VipLine> excluded = new ArrayList<>();
    @Nullable InetAddress source;
    final List<InetAddress> peers = new ArrayList<>();
    final List<TrackRef> scripts = new ArrayList<>();
    final List<TrackRef> interfaces = new ArrayList<>();
    boolean trackPrimary = true;
    @Nullable String notifyMaster;
    @Nullable String notifyBackup;
    @Nullable String notifyFault;
    @Nullable String notifyStop;
    @Nullable String notify;
    final GarpOverrides garp = new GarpOverrides();
  }

  /** One virtual_ipaddress line before the instance's interface is known. */
  record VipLine(InetAddress address, int prefix, @Nullable String dev, AddressOptions options, Origin origin) {}

  static final KeywordTable<Instance> TABLE = new KeywordTable<Instance>("vrrp_instance")
      .on("state", InstanceReader::state)
      .on("interface", (n, i, v) -> i.interfaceName = v.single(n))
      .on("virtual_router_id", (n, i, v) -> i.vrid = v.integer(n, 1, 255))
      .on("priority", (n, i, v) -> i.priority = v.integer(n, 1, 255))
      .on("advert_int", (n, i, v) -> {
        i.advertInt = v.seconds(n, "0.01", "255");
        i.advertIntOrigin = n.origin();
      })
      .on("version", (n, i, v) -> i.version = v.integer(n, 2, 3))
      .on("nopreempt", (n, i, v) -> {
        v.noArgs(n);
        i.nopreempt = true;
        i.nopreemptOrigin = n.origin();
      })
      .on("preempt", (n, i, v) -> {
        v.noArgs(n);
        i.nopreempt = false;
      })
      .on("preempt_delay", (n, i, v) -> {
        i.preemptDelay = GlobalDefsReader.seconds(n, v, "0", "1000");
        i.preemptDelayOrigin = n.origin();
      })
      .on("authentication", InstanceReader::authentication)
      .on("virtual_ipaddress", (n, i, v) -> virtualAddresses(n, i.vips, v))
      .on("virtual_ipaddress_excluded", (n, i, v) -> virtualAddresses(n, i.excluded, v))
      .on("unicast_src_ip", (n, i, v) -> source(n, i, v))
      .on("mcast_src_ip", (n, i, v) -> source(n, i, v))
      .on("unicast_peer", InstanceReader::peers)
      .on("track_script", (n, i, v) -> tracks(n, i.scripts, v))
      .on("track_interface", (n, i, v) -> tracks(n, i.interfaces, v))
      .on("dont_track_primary", (n, i, v) -> {
        v.noArgs(n);
        i.trackPrimary = false;
      })
      .on("notify_master", (n, i, v) -> i.notifyMaster = v.command(n))
      .on("notify_backup", (n, i, v) -> i.notifyBackup = v.command(n))
      .on("notify_fault", (n, i, v) -> i.notifyFault = v.command(n))
      .on("notify_stop", (n, i, v) -> i.notifyStop = v.command(n))
      .on("notify", (n, i, v) -> i.notify = v.command(n))
      .on("garp_master_delay", (n, i, v) -> i.garp.delay = GlobalDefsReader.seconds(n, v, "0", "1000"))
      .on("garp_master_repeat", (n, i, v) -> i.garp.repeat = v.integer(n, 1, 255))
      .on("garp_master_refresh", (n, i, v) -> i.garp.refresh = GlobalDefsReader.seconds(n, v, "0", "100000"))
      .on("garp_interval", (n, i, v) -> i.garp.spacing = GlobalDefsReader.seconds(n, v, "0", "1"))
      .on("gna_interval", (n, i, v) -> i.garp.naSpacing = GlobalDefsReader.seconds(n, v, "0", "1"))
      .unsupported("e-mail alerts are not sent", "smtp_alert")
      .unsupported("the VIP lives on the real interface (keepalived's default)", "use_vmac", "vmac_xmit_base")
      .unsupported("not implemented", "virtual_routes", "virtual_rules", "track_file",
          "track_process", "track_bfd", "track_src_ip", "accept", "no_accept", "strict_mode", "native_ipv6",
          "skip_check_adv_addr", "check_unicast_src", "unicast_ttl", "unicast_fault_no_peer", "debug",
          "notify_master_rx_lower_pri", "notify_deleted", "lower_prio_no_advert", "higher_prio_send_advert",
          "kernel_rx_buf_size", "down_timer_adverts", "garp_lower_prio_delay", "garp_lower_prio_repeat",
          "garp_master_refresh_repeat", "old_unicast_checksum", "lvs_sync_daemon_interface", "mcast_dst_ip",
          "promote_secondaries", "linkbeat_use_polling", "track_interface_weight_reverse", "no_accept_mode",
          "notify_priority_changes", "vrrp_garp_extra_if", "use_ipvlan", "ipvlan_type");

  private InstanceReader() {}

  private static void state(ConfNode n, Instance i, Values v) {
    String s = v.single(n);
    if (s == null) {
      return;
    }
    switch (s) {
      case "MASTER" -> i.state = VrrpState.MASTER;
      case "BACKUP" -> i.state = VrrpState.BACKUP;
      default -> v.diagnostics().error(n.origin(), "'state': '" + s + "' (expected: MASTER or BACKUP)");
    }
  }

  private static void source(ConfNode n, Instance i, Values v) {
    String s = v.single(n);
    if (s != null) {
      i.source = v.address(n, s);
    }
  }

  private static void authentication(ConfNode n, Instance i, Values v) {
    if (!v.needBlock(n)) {
      return;
    }
    i.authOrigin = n.origin();
    for (ConfNode c : n.children()) {
      switch (c.keyword()) {
        case "auth_type" -> i.authType = v.single(c);
        case "auth_pass" -> i.password = v.single(c);
        default -> v.diagnostics().warn(c.origin(), "unknown keyword '" + c.keyword()
            + "' in authentication; ignored (expected: auth_type, auth_pass)");
      }
    }
  }

  private static void virtualAddresses(ConfNode n, List<VipLine> into, Values v) {
    if (!v.needBlock(n)) {
      return;
    }
    for (ConfNode c : n.children()) {
      VipLine line = VirtualAddressLine.read(c, v);
      if (line != null) {
        into.add(line);
      }
    }
  }

  private static void peers(ConfNode n, Instance i, Values v) {
    if (!v.needBlock(n)) {
      return;
    }
    if (!n.args().isEmpty()) {
      v.diagnostics().warn(n.origin(), "unicast_peer options " + n.args() + " are not supported; ignored");
    }
    for (ConfNode c : n.children()) {
      InetAddress a = v.address(c, c.keyword());
      if (a != null) {
        i.peers.add(a);
      }
      if (!c.args().isEmpty()) {
        v.diagnostics().warn(c.origin(), "unicast_peer options " + c.args() + " (min_ttl/max_ttl) are not supported;"
            + " ignored");
      }
    }
  }

  private static void tracks(ConfNode n, List<TrackRef> into, Values v) {
    if (!v.needBlock(n)) {
      return;
    }
    for (ConfNode c : n.children()) {
      Integer weight = null;
      List<String> args = c.args();
      if (args.size() >= 2 && args.get(0).equals("weight")) {
        weight = v.integer(c, args.get(1), -253, 253);
        if (args.size() > 2) {
          v.diagnostics().warn(c.origin(), "'" + String.join(" ", args.subList(2, args.size()))
              + "' after the weight is not supported (reverse); ignored");
        }
      } else if (!args.isEmpty()) {
        v.diagnostics().error(c.origin(), "'" + c.keyword() + " " + String.join(" ", args)
            + "' (expected: NAME [weight -253..253])");
        continue;
      }
      into.add(new TrackRef(c.keyword(), weight, c.origin()));
    }
  }

  /** Applies keepalived's defaults and rules; errors name the block's file:line. */
  static @Nullable VrrpInstanceSpec build(String name, Instance i, Origin origin, @Nullable Integer globalVersion,
      GarpSettings globalGarp, Values v) {
    Diagnostics d = v.diagnostics();
    String where = "vrrp_instance " + name;
    if (i.interfaceName == null) {
      d.error(origin, where + ": no 'interface' (expected: interface eth0)");
    }
    if (i.vrid == null) {
      d.error(origin, where + ": no 'virtual_router_id' (expected: 1-255)");
    }
    if (i.interfaceName == null || i.vrid == null) {
      return null;
    }
    int version = i.version != null ? i.version : globalVersion != null ? globalVersion : 2;
    int priority = i.priority != null ? i.priority : i.state == VrrpState.MASTER ? 255 : 100;
    Duration interval = interval(i, version, d);
    boolean preempt = !i.nopreempt;
    if (!preempt && (i.state == VrrpState.MASTER || priority == 255)) {
      d.warn(i.nopreemptOrigin == null ? origin : i.nopreemptOrigin, where
          + ": nopreempt needs state BACKUP and a priority below 255; clearing nopreempt (as keepalived does)");
      preempt = true;
    }
    Duration preemptDelay = i.preemptDelay == null ? Duration.ZERO : i.preemptDelay;
    if (!preemptDelay.isZero() && (i.state == VrrpState.MASTER || !preempt)) {
      d.warn(i.preemptDelayOrigin == null ? origin : i.preemptDelayOrigin, where
          + ": preempt_delay only applies with state BACKUP and preemption; clearing it (as keepalived does)");
      preemptDelay = Duration.ZERO;
    }
    String password = password(i, version, where, origin, d);
    List<VirtualAddress> vips = new ArrayList<>();
    for (VipLine l : i.vips) {
      vips.add(new VirtualAddress(l.address(), l.prefix(), l.dev() != null ? l.dev() : i.interfaceName, l.options()));
    }
    List<VirtualAddress> excluded = new ArrayList<>();
    for (VipLine l : i.excluded) {
      excluded.add(new VirtualAddress(l.address(), l.prefix(), l.dev() != null ? l.dev() : i.interfaceName,
          l.options()));
    }
    boolean ipv6 = !vips.isEmpty() && !vips.get(0).isIpv4();
    for (VipLine l : i.vips) {
      if ((l.address() instanceof Inet4Address) == ipv6) {
        d.error(l.origin(), where + ": " + l.address().getHostAddress()
            + " mixes IPv4 and IPv6 virtual addresses (expected: one family per instance, as keepalived's adverts)");
      }
    }
    if (ipv6 && version == 2) {
      d.error(origin, where + ": IPv6 virtual addresses need 'version 3' (VRRPv2 is IPv4 only)");
    }
    if (vips.isEmpty() && excluded.isEmpty()) {
      d.warn(origin, where + ": no virtual_ipaddress; the instance only elects");
    }
    NotifyScripts notify = new NotifyScripts(i.notifyMaster, i.notifyBackup, i.notifyFault, i.notifyStop, i.notify);
    return new VrrpInstanceSpec(name, i.state, i.interfaceName, i.vrid, priority, interval, version, preempt,
        preemptDelay, password, vips, excluded, i.source, i.peers, i.scripts, i.interfaces, i.trackPrimary, notify,
        i.garp.over(globalGarp, ipv6), origin);
  }

  private static Duration interval(Instance i, int version, Diagnostics d) {
    BigDecimal secs = i.advertInt == null ? BigDecimal.ONE : i.advertInt;
    Origin at = i.advertIntOrigin == null ? Origin.UNKNOWN : i.advertIntOrigin;
    if (version == 2) {
      BigDecimal whole = secs.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
      if (whole.compareTo(secs) != 0) {
        d.warn(at, "advert_int " + secs.toPlainString() + ": VRRPv2 interval must be an integer. rounding to "
            + whole.toPlainString());
      }
      return Duration.ofSeconds(whole.longValue());
    }
    BigDecimal centis = secs.movePointRight(2);
    BigDecimal rounded = centis.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE).min(BigDecimal.valueOf(4095));
    if (rounded.compareTo(centis) != 0) {
      d.warn(at, "advert_int " + secs.toPlainString() + ": VRRPv3 interval is in centiseconds (max 40.95 s);"
          + " using " + rounded.movePointLeft(2).toPlainString());
    }
    return Duration.ofMillis(rounded.longValue() * 10);
  }

  private static @Nullable String password(Instance i, int version, String where, Origin origin, Diagnostics d) {
    if (i.authType == null && i.password == null) {
      return null;
    }
    Origin at = i.authOrigin == null ? origin : i.authOrigin;
    if (version == 3) {
      d.warn(at, where + ": VRRP version 3 does not support authentication. Ignoring.");
      return null;
    }
    if (i.authType != null && i.authType.equals("AH")) {
      d.error(at, where + ": auth_type AH is not supported by HAKit (expected: PASS, or no authentication)");
      return null;
    }
    if (i.authType == null || !i.authType.equals("PASS")) {
      d.error(at, where + ": auth_type '" + i.authType + "' (expected: PASS)");
      return null;
    }
    String p = i.password;
    if (p == null || p.isEmpty()) {
      d.error(at, where + ": auth_type PASS without auth_pass");
      return null;
    }
    byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 8) {
      d.warn(at, where + ": auth_pass longer than 8 bytes; truncated to 8 (as keepalived does)");
      return new String(bytes, 0, 8, StandardCharsets.UTF_8);
    }
    return p;
  }
}
