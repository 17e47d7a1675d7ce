package io.hakit.benchmarks.rig;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process the rig started, killed by a JVM shutdown hook: the rig never leaves a proxy,
 * an origin or a wrk behind, whether it ends normally, on an error or on Ctrl-C.
 */
final class ChildProcesses {

  private static final List<ChildProcess> children = new ArrayList<>();
  private static boolean hookInstalled;

  private ChildProcesses() {}

  static synchronized void register(ChildProcess child) {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "rig-cleanup"));
      hookInstalled = true;
    }
    children.add(child);
  }

  /** Stops the children, the most recently started first. */
  static void stopAll() {
    List<ChildProcess> toStop;
    synchronized (ChildProcesses.class) {
      toStop = new ArrayList<>(children);
      children.clear();
    }
    for (int i = toStop.size() - 1; i >= 0; i--) {
      toStop.get(i).stop();
    }
  }
}
