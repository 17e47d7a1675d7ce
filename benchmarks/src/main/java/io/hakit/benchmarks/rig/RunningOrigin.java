package io.hakit.benchmarks.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The origin process the rig started: nginx, or {@link BuiltinOrigin} when nginx is absent. */
final class RunningOrigin {

  private static final long STARTUP_TIMEOUT_MILLIS = 15_000;

  private final String description;
  private final ChildProcess process;

  private RunningOrigin(String description, ChildProcess process) {
    this.description = description;
    this.process = process;
  }

  /**
   * Starts the origin {@code kind} names: "nginx", "builtin", or "auto" (nginx when its binary
   * is there, else the built-in one). Waits until each port serves its file.
   */
  static RunningOrigin start(
      String kind, String nginx, RigConfig.OriginPorts ports, Path dir, String cpus) {
    boolean useNginx;
    switch (kind) {
      case "nginx":
        useNginx = true;
        break;
      case "builtin":
        useNginx = false;
        break;
      case "auto":
        useNginx = Files.isExecutable(Path.of(nginx));
        break;
      default:
        throw new IllegalArgumentException("--origin must be nginx, builtin or auto: " + kind);
    }
    RunningOrigin origin;
    if (useNginx) {
      origin = new RunningOrigin("nginx (" + nginx + ")", NginxOrigin.start(nginx, ports, dir, cpus));
    } else {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command =
          List.of(java, "-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "-cp",
              System.getProperty("java.class.path"), BuiltinOrigin.class.getName(),
              Integer.toString(ports.staticServer()), Integer.toString(ports.app1()),
              Integer.toString(ports.app2()));
      origin =
          new RunningOrigin(
              "built-in Java origin",
              ChildProcess.start("builtin origin", command, cpus, dir.resolve("origin.log")));
    }
    origin.awaitServing(ports);
    return origin;
  }

  String description() {
    return description;
  }

  void requireAlive() {
    process.requireAlive();
  }

  private void awaitServing(RigConfig.OriginPorts ports) {
    try {
      HttpProbe.awaitOk(description, ports.staticServer(), RigFiles.BIG_PATH, STARTUP_TIMEOUT_MILLIS,
          process::isAlive);
      for (int port : new int[] {ports.app1(), ports.app2()}) {
        HttpProbe.awaitOk(description, port, RigFiles.SMALL_PATH, STARTUP_TIMEOUT_MILLIS,
            process::isAlive);
      }
    } catch (RigFailure e) {
      throw new RigFailure(e.getMessage() + "\nend of its log:\n" + process.logTail(), e);
    }
  }
}
