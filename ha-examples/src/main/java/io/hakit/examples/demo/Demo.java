package io.hakit.examples.demo;

import io.hakit.config.haproxy.ConfigResult;
import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.model.ProxyModel;
import io.hakit.vrrp.fsm.VrrpState;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's two-node HA proxy on one machine without root: two origin servers for the seed's
 * backends, two HAKit nodes running the seed's haproxy.cfg, VRRP v3 between them over UDP on
 * loopback, and a loopback address playing the VIP that only the master binds. It prints a
 * timeline: the election, a client's requests through the VIP, the master killed, the backup
 * taking over, the old master restarted and preempting back.
 *
 * <p>Threading: {@link #run} drives the phases on the caller's thread; each node's VRRP instance
 * and proxy have their own threads; the client runs on its own thread.
 */
public final class Demo implements AutoCloseable {
  private static final InetAddress NODE1 = loopback(11);
  private static final InetAddress NODE2 = loopback(12);
  private static final int PRIORITY1 = 150;
  private static final int PRIORITY2 = 100;

  private final DemoOptions options;
  private final Timeline timeline;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<DemoNode> nodes = new ArrayList<>();

  public Demo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.timeline = new Timeline(out);
  }

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs every phase and returns what it saw; stops everything it started. */
  public DemoReport run() throws Exception {
    Duration electionBound = options.advertInterval().multipliedBy(10).plusSeconds(2);
    ProxyModel model = model();
    timeline.say("seed haproxy.cfg: frontend main on VIP %s:%d, backend static -> 127.0.0.1:%d, backend app -> 127.0.0.1:%d",
        options.vip(), options.port(), options.staticPort(), options.appPort());
    origin("static", options.staticPort());
    origin("app", options.appPort());

    DemoNode node1 = node("node1", NODE1, NODE2, PRIORITY1, model);
    DemoNode node2 = node("node2", NODE2, NODE1, PRIORITY2, model);
    timeline.say("starting node1 (%s, priority %d) and node2 (%s, priority %d); VRRP v3 every %d ms over UDP",
        NODE1.getHostAddress(), PRIORITY1, NODE2.getHostAddress(), PRIORITY2, options.advertInterval().toMillis());
    node1.start();
    node2.start();
    require(node1.awaitState(VrrpState.MASTER, electionBound), "node1 did not become MASTER");
    require(node2.awaitState(VrrpState.BACKUP, electionBound), "node2 did not settle in BACKUP");
    timeline.say("== node1 is MASTER and serves the VIP; node2 is BACKUP");

    DemoClient client = new DemoClient(options.vip(), options.port(), options.requestInterval(), timeline);
    resources.add(client);
    client.start();
    pause(options.steady());

    timeline.say("== killing node1 (crash: no goodbye advert, its proxy gone)");
    long failedBefore = client.failed();
    long crashAt = System.nanoTime();
    node1.crash();
    require(node2.awaitState(VrrpState.MASTER, electionBound), "node2 did not take over");
    long takeoverMillis = (System.nanoTime() - crashAt) / 1_000_000;
    timeline.say("== node2 took over %d ms after the crash", takeoverMillis);
    long okAtTakeover = client.ok();
    pause(options.steady());
    long okAfterTakeover = client.ok() - okAtTakeover;
    long failedDuringFailover = client.failed() - failedBefore;
    timeline.say("== failed requests during the failover: %d", failedDuringFailover);

    timeline.say("== restarting node1 (priority %d > %d: it preempts)", PRIORITY1, PRIORITY2);
    DemoNode node1Again = node("node1", NODE1, NODE2, PRIORITY1, model);
    long restartAt = System.nanoTime();
    node1Again.start();
    require(node1Again.awaitState(VrrpState.MASTER, electionBound), "node1 did not preempt");
    long preemptMillis = (System.nanoTime() - restartAt) / 1_000_000;
    require(node2.awaitState(VrrpState.BACKUP, electionBound), "node2 did not step back to BACKUP");
    timeline.say("== node1 is MASTER again after %d ms; node2 is BACKUP", preemptMillis);
    long okAtPreempt = client.ok();
    pause(options.steady());
    long okAfterPreempt = client.ok() - okAtPreempt;

    client.close();
    DemoReport report = new DemoReport("node1", "node2", takeoverMillis, failedDuringFailover, "node1", preemptMillis,
        okAfterTakeover, okAfterPreempt, client.ok(), client.failed(), client.byOrigin());
    timeline.say("== done: %d requests ok, %d failed (all during the failover: %s); by origin %s", report.ok(),
        report.failed(), report.failed() == report.failedDuringFailover() ? "yes" : "no", report.byOrigin());
    return report;
  }

  private ProxyModel model() {
    String cfg = SeedConfig.forDemo(options.vip(), options.port(), options.staticPort(), options.appPort());
    ConfigResult r = new HaproxyConfigReader().read("haproxy.cfg (seed, demo addresses)", cfg);
    return r.model();
  }

  private void origin(String name, int port) throws Exception {
    DemoOrigin o = new DemoOrigin(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    resources.add(o);
    o.start();
  }

  private DemoNode node(String name, InetAddress self, InetAddress peer, int priority, ProxyModel model) {
    DemoNode n = new DemoNode(name, self, peer, priority, model, options, timeline);
    nodes.add(n);
    return n;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what + " in time");
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis()); // the demo's pacing: let the client run through a phase
  }

  /** Stops every node and origin; safe to call twice and from a shutdown hook. */
  @Override
  public synchronized void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      closeQuietly(resources.get(i));
    }
    resources.clear();
    for (DemoNode n : nodes) {
      try {
        n.stop();
      } catch (Exception e) {
        timeline.say("%s: stop failed: %s", n.name(), e);
      }
    }
    nodes.clear();
  }

  private void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      timeline.say("close failed: %s", e);
    }
  }
}
