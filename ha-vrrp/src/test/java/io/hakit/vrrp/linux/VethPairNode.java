package io.hakit.vrrp.linux;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A namespace holding one veth pair, {@code eth0} (198.18.3.1/24) and {@code eth1}
 * (198.18.4.1/24), both up: two interfaces for a keepalived.conf, linked to nothing outside, so
 * that keepalived and HAKit can each run the same configuration as master in a node of their own.
 * The name is unique; {@link Netns#close} deletes it all, also after a failure.
 */
final class VethPairNode {
  static final String BASE_ETH0 = "198.18.3.1";
  static final String BASE_ETH1 = "198.18.4.1";

  private VethPairNode() {}

  /** {@code prefix} is a short word; the PID and a random suffix make the name unique. */
  static Netns create(String prefix) throws Exception {
    String name = prefix + ProcessHandle.current().pid() + "x"
        + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    Netns ns = Netns.create(name);
    try {
      ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
      ns.exec("ip", "addr", "add", BASE_ETH0 + "/24", "dev", "eth0");
      ns.exec("ip", "addr", "add", BASE_ETH1 + "/24", "dev", "eth1");
      ns.exec("ip", "link", "set", "eth0", "up");
      ns.exec("ip", "link", "set", "eth1", "up");
      TwoNodeLink.awaitOperationallyUp(ns, "eth0");
      TwoNodeLink.awaitOperationallyUp(ns, "eth1");
      return ns;
    } catch (Exception | Error e) {
      ns.close();
      throw e;
    }
  }
}
