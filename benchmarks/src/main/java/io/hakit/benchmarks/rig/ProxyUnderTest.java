package io.hakit.benchmarks.rig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One proxy process (HAProxy or HAKit) running the rig's config on its own ports. */
final class ProxyUnderTest {

  private static final Logger logger = LoggerFactory.getLogger(ProxyUnderTest.class);

  private final String name;
  private final RigConfig.ProxyPorts ports;
  private final ChildProcess process;

  private ProxyUnderTest(String name, RigConfig.ProxyPorts ports, ChildProcess process) {
    this.name = name;
    this.ports = ports;
    this.process = process;
  }

  /**
   * Starts {@code commandPrefix + configFile} pinned to {@code cpus} and waits until every
   * frontend of {@code listeners} answers 200.
   */
  static ProxyUnderTest start(
      String name,
      List<String> commandPrefix,
      Path configFile,
      RigConfig.ProxyPorts ports,
      List<Scenario.Listener> listeners,
      String cpus,
      Path log,
      long startupTimeoutMillis) {
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(configFile.toString());
    ChildProcess process = ChildProcess.start(name, command, cpus, log);
    ProxyUnderTest proxy = new ProxyUnderTest(name, ports, process);
    logger.info("started {} (pid {}): {}", name, process.pid(), String.join(" ", command));
    long deadline = System.currentTimeMillis() + startupTimeoutMillis;
    for (Scenario.Listener listener : listeners) {
      long left = Math.max(1, deadline - System.currentTimeMillis());
      try {
        HttpProbe.awaitOk(
            name + " (" + listener.name().toLowerCase(Locale.ROOT) + " frontend)",
            ports.port(listener),
            listener.probePath(),
            left,
            process::isAlive);
      } catch (RigFailure e) {
        throw new RigFailure(
            e.getMessage() + "\ncommand: " + String.join(" ", command) + "\nend of " + log + ":\n"
                + process.logTail(),
            e);
      }
    }
    return proxy;
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  int port(Scenario scenario) {
    return ports.port(scenario.listener());
  }

  ProcStat stat() {
    process.requireAlive();
    return ProcStat.read(process.pid());
  }

  void requireAlive() {
    process.requireAlive();
  }

  void stop() {
    process.stop();
  }
}
