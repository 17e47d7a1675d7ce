package io.hakit.examples.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The config files of the pair on the test LAN. haproxy.cfg: the seed's text with only the server
 * addresses changed (the origins namespace), and the {@code app} backend (empty in the seed) given
 * one server, checked every 500 ms so that its loss shows within 1.5 s instead of the default 6 s.
 * keepalived.conf: the templates in {@code node/} on the test class path.
 */
final class PairConfigs {
  static final String VIP = "198.18.0.100";
  static final String VIP_CIDR = VIP + "/24";
  static final int VIP_PORT = 5000;
  static final String ORIGINS_IP = "198.18.0.20";
  static final int STATIC_PORT = 4331;
  /** RFC 3768 Master_Down_Interval for priority 100 with advert_int 1: 3 s + Skew_Time. */
  static final long LOW_MASTER_DOWN_MILLIS = 3000 + (256 - 100) * 1000 / 256;
  /** The same for priority 150. */
  static final long HIGH_MASTER_DOWN_MILLIS = 3000 + (256 - 150) * 1000 / 256;

  private PairConfigs() {}

  /**
   * The seed's haproxy.cfg for a node whose {@code app} server is the origin on {@code appPort},
   * its stats socket moved to {@code statsSocket} (the seed's /var/lib/haproxy/stats is the host's,
   * shared by every namespace).
   */
  static String haproxyCfg(int appPort, Path statsSocket) {
    return replaceOnce(seedWithAddresses(appPort), "stats socket /var/lib/haproxy/stats",
        "stats socket " + statsSocket);
  }

  private static String seedWithAddresses(int appPort) {
    String seed = resource("seed/haproxy.cfg");
    String cfg = replaceOnce(seed, "server      static 127.0.0.1:4331 check",
        "server      static " + ORIGINS_IP + ":" + STATIC_PORT + " check");
    return replaceOnce(cfg, "backend app\n    balance     roundrobin\n",
        "backend app\n    balance     roundrobin\n    server      app1 " + ORIGINS_IP + ":" + appPort
            + " check inter 500 fall 3 rise 2\n");
  }

  /**
   * The same for Debian's haproxy 2.6, which refuses the seed's legacy {@code frontend  main *:5000}
   * ("please use the 'bind' keyword for listening addresses"): the address moves to a {@code bind}
   * line, as an operator upgrading haproxy does. Its pid file and stats socket move into the test's
   * directory (the seed's /var/run/haproxy.pid and /var/lib/haproxy/stats are the host's, shared by
   * every namespace and test); chroot, user and daemon stay (-db keeps it in the foreground).
   */
  static String haproxyCfgForHaproxy(int appPort, Path directory) {
    String cfg = replaceOnce(seedWithAddresses(appPort), "frontend  main *:5000\n",
        "frontend  main\n    bind *:5000\n");
    cfg = replaceOnce(cfg, "pidfile     /var/run/haproxy.pid",
        "pidfile     " + directory.resolve("haproxy.pid"));
    return replaceOnce(cfg, "stats socket /var/lib/haproxy/stats", "stats socket " + directory.resolve("haproxy.sock"));
  }

  /** keepalived.conf of a HAKit node. */
  static String keepalivedForHakit(String routerId, int priority) {
    return resource("node/keepalived-hakit.conf").replace("@ROUTER_ID@", routerId)
        .replace("@PRIORITY@", Integer.toString(priority));
  }

  /** keepalived.conf of the classic side, tracking haproxy process {@code haproxyPid}. */
  static String keepalivedForHaproxy(String routerId, int priority, long haproxyPid) {
    return resource("node/keepalived-chk-haproxy.conf").replace("@ROUTER_ID@", routerId)
        .replace("@PRIORITY@", Integer.toString(priority)).replace("@HAPROXY_PID@", Long.toString(haproxyPid));
  }

  private static String resource(String name) {
    try (InputStream in = PairConfigs.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0) {
      throw new IllegalStateException("seed haproxy.cfg: expected text not found: " + from);
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }
}
