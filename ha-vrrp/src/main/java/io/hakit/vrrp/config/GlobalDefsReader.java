package io.hakit.vrrp.config;

import java.math.BigDecimal;
import io.hakit.vrrp.transport.ThreadScheduling;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code global_defs}: router_id, vrrp_version, the vrrp_garp_* settings and the VRRP threads'
 * scheduling (vrrp_priority, vrrp_rt_priority, vrrp_no_swap); the rest is warned about.
 */
final class GlobalDefsReader {
  /** What global_defs sets. */
  static final class Globals {
    @Nullable String routerId;
    @Nullable Integer vrrpVersion;
    final GarpOverrides garp = new GarpOverrides();
    @Nullable Integer nice;
    @Nullable Integer realtimePriority;
    boolean lockMemory;

    ThreadScheduling scheduling() {
      return new ThreadScheduling(nice == null ? 0 : nice, realtimePriority == null ? 0 : realtimePriority, lockMemory);
    }
  }

  static final KeywordTable<Globals> TABLE = new KeywordTable<Globals>("global_defs")
      .on("router_id", (n, g, v) -> g.routerId = v.single(n))
      .on("vrrp_version", (n, g, v) -> g.vrrpVersion = v.integer(n, 2, 3))
      .on("vrrp_garp_master_delay", (n, g, v) -> g.garp.delay = seconds(n, v, "0", "1000"))
      .on("vrrp_garp_master_repeat", (n, g, v) -> g.garp.repeat = v.integer(n, 1, 255))
      .on("vrrp_garp_master_refresh", (n, g, v) -> g.garp.refresh = seconds(n, v, "0", "100000"))
      .on("vrrp_garp_interval", (n, g, v) -> g.garp.spacing = seconds(n, v, "0", "1"))
      .on("vrrp_gna_interval", (n, g, v) -> g.garp.naSpacing = seconds(n, v, "0", "1"))
      .on("vrrp_priority", (n, g, v) -> g.nice = v.integer(n, -20, 19))
      .on("vrrp_rt_priority", (n, g, v) -> g.realtimePriority = v.integer(n, 1, 99))
      .on("vrrp_no_swap", (n, g, v) -> {
        v.noArgs(n);
        g.lockMemory = true;
      })
      .unsupported("e-mail alerts are not sent", "notification_email", "notification_email_from", "smtp_server",
          "smtp_connect_timeout", "smtp_helo_name", "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker")
      .unsupported("scripts run as the JVM's user", "script_user", "enable_script_security")
      .unsupported("HAKit applies no firewall rules or strict-RFC switches", "vrrp_strict", "vrrp_iptables",
          "vrrp_ipsets", "nftables", "vrrp_nftables")
      .unsupported("HAKit always checks advert addresses", "vrrp_skip_check_adv_addr")
      .unsupported("the multicast groups are the RFC's", "vrrp_mcast_group4", "vrrp_mcast_group6")
      .unsupported("HAKit has no checker or BFD process", "checker_priority", "bfd_priority", "checker_no_swap",
          "checker_rt_priority")
      .unsupported("JVM process settings are the JVM's", "max_auto_priority",
          "vrrp_cpu_affinity", "checker_cpu_affinity", "process_names", "vrrp_process_name")
      .unsupported("not implemented", "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay",
          "vrrp_garp_lower_prio_repeat", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
          "vrrp_check_unicast_src", "vrrp_startup_delay", "vrrp_min_garp", "dynamic_interfaces", "enable_traps",
          "enable_dbus", "snmp_socket", "enable_snmp_vrrp", "notify_fifo", "notify_fifo_script", "vrrp_notify_fifo",
          "vrrp_notify_fifo_script", "lvs_id", "lvs_flush", "lvs_sync_daemon", "lvs_timeouts", "default_interface",
          "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs", "vrrp_rx_bufs_policy",
          "vrrp_rx_bufs_multiplier", "script_security", "vrrp_version_legacy", "instance");

  private GlobalDefsReader() {}

  static @Nullable Duration seconds(ConfNode n, Values v, String min, String max) {
    BigDecimal s = v.seconds(n, min, max);
    return s == null ? null : Duration.ofNanos(s.movePointRight(9).longValue());
  }
}
