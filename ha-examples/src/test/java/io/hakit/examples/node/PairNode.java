package io.hakit.examples.node;

import io.hakit.examples.vrrp.NodeProcess;
import java.util.List;
import java.util.Locale;

/**
 * One side of the pair as started on a node of the LAN: a HAKit node (one JVM) or the classic
 * haproxy + keepalived (two processes). {@link #crash()} is SIGKILL to every process of the side.
 */
final class PairNode implements AutoCloseable {
  private final String name;
  private final List<NodeProcess> processes;

  PairNode(String name, List<NodeProcess> processes) {
    this.name = name;
    this.processes = List.copyOf(processes);
  }

  String name() {
    return name;
  }

  /** The VRRP speaker (the last process) entered BACKUP or MASTER. */
  boolean isReady() {
    return processes.get(processes.size() - 1).isReady();
  }

  boolean isAlive() {
    return processes.stream().allMatch(NodeProcess::isAlive);
  }

  /** True once the side logged entering {@code state} (HAKit and keepalived both log "entering X state"). */
  boolean entered(String state) {
    return log().toLowerCase(Locale.ROOT).contains("entering " + state.toLowerCase(Locale.ROOT) + " state");
  }

  void crash() {
    processes.forEach(NodeProcess::crash);
  }

  /** The process at {@code index} (for the classic side: 0 is haproxy, 1 keepalived). */
  NodeProcess process(int index) {
    return processes.get(index);
  }

  String log() {
    StringBuilder b = new StringBuilder();
    processes.forEach(p -> b.append(p.log()).append('\n'));
    return b.toString();
  }

  @Override
  public void close() {
    processes.forEach(NodeProcess::close);
  }
}
