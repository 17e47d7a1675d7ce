package io.hakit.vrrp.linux;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two namespaces joined by a veth pair: node a ({@code va}, 198.18.0.1/24) and node b ({@code vb},
 * 198.18.0.2/24), IPv6 link-local addresses usable at once (no DAD). Unique namespace names; all of
 * it goes when the namespaces are deleted ({@link #close}).
 */
final class TwoNodeLink implements AutoCloseable {
  static final String A_IF = "va";
  static final String B_IF = "vb";
  static final String A_IP = "198.18.0.1";
  static final String B_IP = "198.18.0.2";

  final Netns a;
  final Netns b;

  private TwoNodeLink(Netns a, Netns b) {
    this.a = a;
    this.b = b;
  }

  static TwoNodeLink create() throws Exception {
    String suffix = ProcessHandle.current().pid() + "x" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    Netns a = Netns.create("hkva" + suffix);
    Netns b = null;
    try {
      b = Netns.create("hkvb" + suffix);
      for (Netns ns : new Netns[] {a, b}) {
        ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
      }
      Netns.run("ip", "link", "add", A_IF, "netns", a.name(), "type", "veth", "peer", "name", B_IF, "netns", b.name());
      a.exec("ip", "addr", "add", A_IP + "/24", "dev", A_IF);
      b.exec("ip", "addr", "add", B_IP + "/24", "dev", B_IF);
      a.exec("ip", "link", "set", A_IF, "up");
      b.exec("ip", "link", "set", B_IF, "up");
      awaitOperationallyUp(a, A_IF);
      awaitOperationallyUp(b, B_IF);
      return new TwoNodeLink(a, b);
    } catch (Exception | Error e) {
      a.close();
      if (b != null) {
        b.close();
      }
      throw e;
    }
  }

  /**
   * Waits until the kernel's link watcher has marked the link UP: before that its queueing
   * discipline drops every packet, which would lose the first advert of a test.
   */
  static void awaitOperationallyUp(Netns ns, String interfaceName) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (ns.exec("ip", "-o", "link", "show", "dev", interfaceName).contains("state UP")) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(interfaceName + " in " + ns.name() + " did not come up");
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
