package io.hakit.examples.vrrp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A LAN of network namespaces for the interop tests: a switch namespace holding a bridge, and
 * nodes each plugged into it by a veth pair whose node end is {@code eth0} with an address in
 * 198.18.0.0/24. A node's link can be cut ({@link Node#linkDown()}) without its peers noticing a
 * carrier change, as when a machine loses power. Unique names; {@link #close} deletes every
 * namespace (and with them the links), also after a failure.
 */
public final class Lan implements AutoCloseable {
  public static final String NODE_IF = "eth0";

  private final String suffix;
  private final String switchNs;
  private final List<Node> nodes = new ArrayList<>();
  private final Thread cleanup = new Thread(this::deleteNamespaces, "delete-lan");

  private Lan(String suffix) {
    this.suffix = suffix;
    this.switchNs = "hksw" + suffix;
    Runtime.getRuntime().addShutdownHook(cleanup); // also when the test JVM is stopped mid-test
  }

  /**
   * The pause between two polls of a condition (each poll forks `ip`): short enough for the
   * failover timings measured, long enough to leave the CPU to the nodes being measured.
   */
  public static void pollPause() {
    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
  }

  public static Lan create() throws IOException {
    String suffix = ProcessHandle.current().pid() + "x" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    Lan lan = new Lan(suffix);
    try {
      Shell.run("ip", "netns", "add", lan.switchNs);
      lan.inSwitch("ip", "link", "add", "br0", "type", "bridge", "forward_delay", "0");
      lan.inSwitch("ip", "link", "set", "br0", "up");
      return lan;
    } catch (IOException | RuntimeException e) {
      lan.close();
      throw e;
    }
  }

  /** Adds node {@code name} (a short word) with {@code 198.18.0.<host>/24} on its eth0. */
  public Node addNode(String name, int host) throws IOException {
    Node node = new Node("hk" + name + suffix, "198.18.0." + host);
    nodes.add(node);
    Shell.run("ip", "netns", "add", node.ns);
    node.exec("ip", "link", "set", "lo", "up");
    // procps' sysctl may be missing: write the /proc/sys files of the namespace directly
    node.exec("sh", "-c", "printf 0 > /proc/sys/net/ipv6/conf/all/accept_dad; printf 0 > /proc/sys/net/ipv6/conf/default/accept_dad");
    String port = "p" + name;
    Shell.run("ip", "link", "add", NODE_IF, "netns", node.ns, "type", "veth", "peer", "name", port, "netns", switchNs);
    inSwitch("ip", "link", "set", port, "master", "br0", "up");
    node.exec("ip", "addr", "add", node.ip + "/24", "dev", NODE_IF);
    node.linkUp();
    return node;
  }

  private void inSwitch(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", switchNs));
    full.addAll(List.of(command));
    Shell.run(full.toArray(String[]::new));
  }

  @Override
  public void close() {
    deleteNamespaces();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook runs anyway
    }
  }

  private void deleteNamespaces() {
    for (Node n : List.copyOf(nodes)) {
      try {
        Shell.run("ip", "netns", "del", n.ns);
      } catch (IOException e) {
        // gone already
      }
    }
    try {
      Shell.run("ip", "netns", "del", switchNs);
    } catch (IOException e) {
      // gone already
    }
  }

  /** One machine on the LAN. */
  public static final class Node {
    public final String ns;
    public final String ip;

    Node(String ns, String ip) {
      this.ns = ns;
      this.ip = ip;
    }

    public String exec(String... command) throws IOException {
      List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
      full.addAll(List.of(command));
      return Shell.run(full.toArray(String[]::new));
    }

    /** The IPv4 addresses on eth0, as {@code ip -n NS -4 addr} shows them (the seed's {@code ip a} check). */
    public String addresses() throws IOException {
      return Shell.run("ip", "-n", ns, "-4", "addr", "show", "dev", NODE_IF);
    }

    public boolean has(String cidr) {
      try {
        return addresses().contains("inet " + cidr + " ");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Power loss, as far as the LAN can tell. */
    public void linkDown() throws IOException {
      exec("ip", "link", "set", NODE_IF, "down");
    }

    /** Plugged back in; returns once the kernel forwards packets on it. */
    public void linkUp() throws IOException {
      exec("ip", "link", "set", NODE_IF, "up");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        if (exec("ip", "-o", "link", "show", "dev", NODE_IF).contains("state UP")) {
          return;
        }
        pollPause();
      }
      throw new IOException(NODE_IF + " in " + ns + " did not come up");
    }
  }
}
