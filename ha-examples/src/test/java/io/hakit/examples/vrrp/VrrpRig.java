package io.hakit.examples.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The interop rig: a {@link Lan} with node {@code h} (198.18.0.1) and node {@code k} (198.18.0.2),
 * a temporary directory for configs, pid files and logs, and the speaker processes started on them.
 * {@link #close} kills every process and deletes the namespaces, also after a failure.
 */
final class VrrpRig implements AutoCloseable {
  /** Starts a VRRP speaker (keepalived or HAKit) on a node with a config. */
  @FunctionalInterface
  interface Speaker {
    RunningSpeaker start(VrrpRig rig, Lan.Node node, String name, Conf conf) throws Exception;
  }

  static final Speaker KEEPALIVED = (rig, node, name, conf) -> rig.track(NodeProcess.keepalived(node, rig.write(name, conf), name));
  static final Speaker HAKIT = (rig, node, name, conf) -> rig.track(NodeProcess.hakit(node, rig.write(name, conf), name));
  static final Speaker HAKIT_API = (rig, node, name, conf) -> rig.track(ApiSpeaker.start(node, conf));

  final Lan lan;
  final Lan.Node h;
  final Lan.Node k;
  final Path directory;
  private final List<RunningSpeaker> processes = new ArrayList<>();
  private VipService service;

  private VrrpRig(Lan lan, Lan.Node h, Lan.Node k, Path directory) {
    this.lan = lan;
    this.h = h;
    this.k = k;
    this.directory = directory;
  }

  static VrrpRig create() throws IOException {
    Lan lan = Lan.create();
    try {
      Lan.Node h = lan.addNode("h", 1);
      Lan.Node k = lan.addNode("k", 2);
      return new VrrpRig(lan, h, k, Files.createTempDirectory("hk-vrrp-interop-"));
    } catch (IOException | RuntimeException e) {
      lan.close();
      throw e;
    }
  }

  private Path write(String name, Conf conf) throws IOException {
    Files.writeString(directory.resolve(name + ".conf"), conf.text(), StandardCharsets.US_ASCII);
    return directory;
  }

  <T extends RunningSpeaker> T track(T p) {
    processes.add(p);
    return p;
  }

  /** Adds client node x (198.18.0.9) and a TCP service on h and k; see {@link #awaitServedBy}. */
  void startService() throws Exception {
    service = new VipService(lan.addNode("x", 9), h, k);
  }

  /**
   * With {@link #startService()}: waits until the client reaches the service on the VIP and the
   * node that answers is {@code server} (the client learns the move from the new master's
   * gratuitous ARP). Without a service: returns -1 at once. Returns the ms since {@code sinceNanos}.
   */
  long awaitServedBy(Lan.Node server, long timeoutMillis, long sinceNanos, String why) {
    if (service == null) {
      return -1;
    }
    String[] last = {""};
    awaitCondition(() -> (last[0] = service.askVip()).equals(server.ns), timeoutMillis,
        why + " (client got '" + last[0] + "')");
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  /** Every log so far, for failure messages. */
  String logs() {
    StringBuilder b = new StringBuilder();
    processes.forEach(p -> b.append(p.log()).append('\n'));
    return b.toString();
  }

  /** Waits until the VIP is on {@code holder} and not on {@code other}; returns the ms since {@code sinceNanos}. */
  long awaitVipOnlyOn(Lan.Node holder, Lan.Node other, long timeoutMillis, long sinceNanos, String why) {
    awaitCondition(() -> holder.has(Conf.VIP_CIDR) && !other.has(Conf.VIP_CIDR), timeoutMillis, why);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  /** Waits until the VIP is on {@code holder}, whatever the others say; returns the ms since {@code sinceNanos}. */
  long awaitVipOn(Lan.Node holder, long timeoutMillis, long sinceNanos, String why) {
    awaitCondition(() -> holder.has(Conf.VIP_CIDR), timeoutMillis, why);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  /** Fails if the VIP leaves {@code holder} or shows up on {@code other} within {@code millis}. */
  void assertVipStaysOnlyOn(Lan.Node holder, Lan.Node other, long millis, String why) {
    assertVipStaysOnlyOnPredicate(() -> holder.has(Conf.VIP_CIDR) && !other.has(Conf.VIP_CIDR), millis, why);
  }

  /** Fails if {@code placement} stops holding within {@code millis}. */
  void assertVipStaysOnlyOnPredicate(BooleanSupplier placement, long millis, String why) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      if (!placement.getAsBoolean()) {
        throw new AssertionError(why + "\n" + state() + logs());
      }
      Lan.pollPause();
    }
  }

  void awaitCondition(BooleanSupplier condition, long timeoutMillis, String why) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Lan.pollPause();
    }
    throw new AssertionError("timed out after " + timeoutMillis + " ms: " + why + "\n" + state() + logs());
  }

  private String state() {
    try {
      return "h: " + h.addresses() + "k: " + k.addresses();
    } catch (IOException e) {
      return "(addresses unavailable: " + e.getMessage() + ")\n";
    }
  }

  @Override
  public void close() {
    if (service != null) {
      service.close();
    }
    processes.forEach(RunningSpeaker::close);
    lan.close();
    try (var files = Files.list(directory)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
