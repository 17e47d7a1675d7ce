package io.hakit.examples.node;

import io.hakit.examples.vrrp.Lan;
import io.hakit.examples.vrrp.NetnsThread;
import io.hakit.examples.vrrp.NodeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The seed's two-node setup on a test LAN ({@link Lan}, 198.18.0.0/24): nodes n1 (198.18.0.1) and
 * n2 (.2) for the pair, an origins namespace (.20) with the seed's backends ({@code static} on the
 * seed's port 4331, and one {@code app} origin per node: app1 on 8081 for n1, app2 on 8082 for n2),
 * and a client namespace (.9). Sides are started with {@link #startHakit} ({@code java -jar
 * hakit.jar node} inside the namespace) or {@link #startHaproxyKeepalived}. {@link #close} kills
 * every process, stops the origins, deletes the namespaces and the temporary directory, also after
 * a failure.
 */
final class PairRig implements AutoCloseable {
  static final Path JAR = Path.of("target", "hakit.jar").toAbsolutePath();
  static final int APP1_PORT = 8081;
  static final int APP2_PORT = 8082;

  final Lan lan;
  final Lan.Node n1;
  final Lan.Node n2;
  final Path directory;
  final Origin staticOrigin;
  final Origin app1;
  final Origin app2;
  final VipClient client;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<PairNode> sides = new ArrayList<>();

  private PairRig(Lan lan, Lan.Node n1, Lan.Node n2, Path directory, NetnsThread origins, VipClient client) {
    this.lan = lan;
    this.n1 = n1;
    this.n2 = n2;
    this.directory = directory;
    this.staticOrigin = new Origin(origins, "static", PairConfigs.ORIGINS_IP, PairConfigs.STATIC_PORT);
    this.app1 = new Origin(origins, "app1", PairConfigs.ORIGINS_IP, APP1_PORT);
    this.app2 = new Origin(origins, "app2", PairConfigs.ORIGINS_IP, APP2_PORT);
    this.client = client;
    resources.add(origins::close);
  }

  static PairRig create() throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run through Maven (failsafe runs after package)");
    }
    Lan lan = Lan.create();
    NetnsThread originsThread = null;
    try {
      Lan.Node n1 = lan.addNode("n1", 1);
      Lan.Node n2 = lan.addNode("n2", 2);
      Lan.Node origins = lan.addNode("or", 20);
      Lan.Node clientNode = lan.addNode("cl", 9);
      originsThread = new NetnsThread(origins);
      VipClient client = new VipClient(new NetnsThread(clientNode));
      PairRig rig = new PairRig(lan, n1, n2, Files.createTempDirectory("hk-pair-"), originsThread, client);
      try {
        rig.startOrigins();
      } catch (Exception | Error e) {
        rig.close();
        throw e;
      }
      return rig;
    } catch (Exception | Error e) {
      if (originsThread != null) {
        originsThread.close();
      }
      lan.close();
      throw e;
    }
  }

  /** Every origin listening (again). */
  void startOrigins() throws Exception {
    staticOrigin.start();
    app1.start();
    app2.start();
  }

  /** The app origin that the node's haproxy.cfg names. */
  int appPort(Lan.Node node) {
    return node == n1 ? APP1_PORT : APP2_PORT;
  }

  /** {@code java -jar hakit.jar node -f haproxy.cfg -k keepalived.conf} inside {@code node}'s namespace. */
  PairNode startHakit(Lan.Node node, String name, int priority) throws IOException {
    return startHakit(node, name, priority, List.of());
  }

  /** The same with more {@code hakit node} options (for example {@code --proxy-weight -60}). */
  PairNode startHakit(Lan.Node node, String name, int priority, List<String> options) throws IOException {
    Path cfg = write(name + "-haproxy.cfg", PairConfigs.haproxyCfg(appPort(node), directory.resolve(name + ".sock")));
    Path conf = write(name + "-keepalived.conf", PairConfigs.keepalivedForHakit(name, priority));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", node.ns, java, "-Xmx128m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-jar", JAR.toString(), "node", "-f", cfg.toString(), "-k", conf.toString(), "--grace", "1"));
    command.addAll(options);
    NodeProcess p = NodeProcess.start(name, directory, command);
    return track(new PairNode(name, List.of(p)));
  }

  /**
   * Debian's pair inside {@code node}'s namespace: {@code haproxy -db -f haproxy.cfg} (the seed's
   * file, addresses and host paths adapted), then keepalived tracking that haproxy process.
   */
  PairNode startHaproxyKeepalived(Lan.Node node, String name, int priority) throws IOException {
    Path cfg = write(name + "-haproxy.cfg", PairConfigs.haproxyCfgForHaproxy(appPort(node), directory.resolve(name)));
    Files.createDirectories(directory.resolve(name));
    NodeProcess haproxy = NodeProcess.start(name + "-haproxy", directory,
        List.of("ip", "netns", "exec", node.ns, "haproxy", "-db", "-f", cfg.toString()));
    List<NodeProcess> started = new ArrayList<>(List.of(haproxy));
    try {
      // ip netns exec execs haproxy, and -db keeps it in the foreground: the process is haproxy
      write(name + "-keepalived.conf", PairConfigs.keepalivedForHaproxy(name, priority, haproxy.pid()));
      started.add(NodeProcess.keepalived(node, directory, name + "-keepalived"));
    } catch (IOException | RuntimeException e) {
      started.forEach(NodeProcess::close);
      throw e;
    }
    return track(new PairNode(name, started));
  }

  private PairNode track(PairNode side) {
    sides.add(side);
    return side;
  }

  private Path write(String file, String text) throws IOException {
    Path p = directory.resolve(file);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** Kills every side started so far and removes the VIP they leave behind (between tests). */
  void killSides() throws IOException {
    sides.forEach(PairNode::close);
    sides.clear();
    for (Lan.Node node : List.of(n1, n2)) {
      if (node.has(PairConfigs.VIP_CIDR)) {
        node.exec("ip", "addr", "del", PairConfigs.VIP_CIDR, "dev", Lan.NODE_IF);
      }
    }
  }

  /** Waits until the VIP is on {@code holder} and not on {@code other}; returns the ms since {@code sinceNanos}. */
  long awaitVipOnlyOn(Lan.Node holder, Lan.Node other, long timeoutMillis, long sinceNanos, String why) {
    awaitCondition(() -> holder.has(PairConfigs.VIP_CIDR) && !other.has(PairConfigs.VIP_CIDR), timeoutMillis, why);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  /** Waits until the VIP is on {@code holder}; returns the ms since {@code sinceNanos}. */
  long awaitVipOn(Lan.Node holder, long timeoutMillis, long sinceNanos, String why) {
    awaitCondition(() -> holder.has(PairConfigs.VIP_CIDR), timeoutMillis, why);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  /** Waits until a request for {@code path} through the VIP is answered by {@code origin}. */
  void awaitServedBy(String path, String origin, long timeoutMillis, String why) {
    String[] last = {""};
    awaitCondition(() -> {
      VipClient.Answer a = client.get(path);
      last[0] = a.toString();
      return a.ok() && a.body().equals(origin);
    }, timeoutMillis, why + " (GET " + path + " got '" + last[0] + "')");
  }

  void awaitCondition(BooleanSupplier condition, long timeoutMillis, String why) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Lan.pollPause();
    }
    throw new AssertionError("timed out after " + timeoutMillis + " ms: " + why + "\n" + state());
  }

  /** Addresses of both nodes and every log, for failure messages. */
  String state() {
    StringBuilder b = new StringBuilder();
    try {
      b.append("n1: ").append(n1.addresses()).append("n2: ").append(n2.addresses());
    } catch (IOException e) {
      b.append("(addresses unavailable: ").append(e.getMessage()).append(")\n");
    }
    sides.forEach(s -> b.append(s.log()));
    return b.toString();
  }

  @Override
  public void close() {
    sides.forEach(PairNode::close);
    sides.clear();
    staticOrigin.close();
    app1.close();
    app2.close();
    client.close();
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    lan.close();
    try (var files = Files.walk(directory)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
