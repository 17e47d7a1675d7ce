package io.hakit.examples.vrrp;

import java.util.List;

/**
 * keepalived.conf text for the interop tests: one VRRP instance on eth0 holding {@link #VIP}.
 * The same text runs under keepalived and under {@code hakit vrrp -f}.
 */
record Conf(String routerId, int priority, int version, String advertInt, String password, String unicastSource,
    List<String> unicastPeers) {
  static final String VIP = "198.18.0.200";
  static final String VIP_CIDR = VIP + "/24";
  static final int VRID = 51;

  static Conf v2(String routerId, int priority) {
    return new Conf(routerId, priority, 2, "1", "", "", List.of());
  }

  static Conf v3(String routerId, int priority) {
    return new Conf(routerId, priority, 3, "0.1", "", "", List.of());
  }

  Conf withPassword(String pass) {
    return new Conf(routerId, priority, version, advertInt, pass, unicastSource, unicastPeers);
  }

  Conf withUnicast(String source, String... peers) {
    return new Conf(routerId, priority, version, advertInt, password, source, List.of(peers));
  }

  /** Master_Down_Interval in milliseconds for this priority (RFC 3768 / RFC 5798). */
  long masterDownMillis() {
    double interval = Double.parseDouble(advertInt) * 1000;
    return (long) (3 * interval + (256 - priority) * interval / 256);
  }

  /** Skew_Time in milliseconds. */
  long skewMillis() {
    return (long) ((256 - priority) * Double.parseDouble(advertInt) * 1000 / 256);
  }

  String text() {
    StringBuilder b = new StringBuilder();
    b.append("global_defs {\n  router_id ").append(routerId).append("\n}\n\n");
    b.append("vrrp_instance VI_51 {\n");
    b.append("  state BACKUP\n");
    b.append("  interface ").append(Lan.NODE_IF).append('\n');
    b.append("  virtual_router_id ").append(VRID).append('\n');
    b.append("  priority ").append(priority).append('\n');
    b.append("  advert_int ").append(advertInt).append('\n');
    b.append("  version ").append(version).append('\n');
    if (!password.isEmpty()) {
      b.append("  authentication {\n    auth_type PASS\n    auth_pass ").append(password).append("\n  }\n");
    }
    if (!unicastSource.isEmpty()) {
      b.append("  unicast_src_ip ").append(unicastSource).append('\n');
      b.append("  unicast_peer {\n");
      unicastPeers.forEach(p -> b.append("    ").append(p).append('\n'));
      b.append("  }\n");
    }
    b.append("  virtual_ipaddress {\n    ").append(VIP_CIDR).append(" dev ").append(Lan.NODE_IF).append("\n  }\n");
    b.append("}\n");
    return b.toString();
  }
}
