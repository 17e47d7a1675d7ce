package io.hakit.examples.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VRRP speaker run as its own process inside a node's namespace: keepalived, or HAKit's
 * {@code vrrp -f} in a JVM. Output goes to a log file (shown in failure messages). {@link #crash()}
 * is SIGKILL to the process and its children (keepalived's VRRP child too); {@link #terminate()} is
 * SIGTERM; {@link #close} kills whatever is left, and a JVM shutdown hook does it if the test JVM
 * dies first.
 */
public final class NodeProcess implements RunningSpeaker {
  private static final Logger logger = LoggerFactory.getLogger(NodeProcess.class);
  private static final Path HAKIT_JAR = Path.of("target", "hakit.jar");
  private static List<String> cachedJavaCommand; // guarded by NodeProcess.class

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killer;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killer = new Thread(this::crash, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** keepalived in the foreground (-n), VRRP only (-P), logging to the console (-l -D). */
  public static NodeProcess keepalived(Lan.Node node, Path directory, String name) throws IOException {
    Path conf = directory.resolve(name + ".conf");
    return start(name, directory, List.of("ip", "netns", "exec", node.ns, "keepalived", "-n", "-l", "-D", "-P",
        "-f", conf.toString(), "-p", directory.resolve(name + ".pid").toString(),
        "-r", directory.resolve(name + "-vrrp.pid").toString()));
  }

  /**
   * HAKit's {@code vrrp -f CONF} in a JVM: {@code java -jar target/hakit.jar vrrp -f CONF} when the
   * packaged jar has the command, else the command's main class from this test's class path.
   */
  static NodeProcess hakit(Lan.Node node, Path directory, String name) throws IOException {
    Path conf = directory.resolve(name + ".conf");
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", node.ns));
    command.addAll(javaCommand());
    command.addAll(List.of("-f", conf.toString()));
    return start(name, directory, command);
  }

  /** How to launch {@code hakit vrrp}; decided once per test JVM. */
  static synchronized List<String> javaCommand() {
    if (cachedJavaCommand == null) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> jvm = List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
          "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
      List<String> viaJar = new ArrayList<>(jvm);
      viaJar.addAll(List.of("-jar", HAKIT_JAR.toAbsolutePath().toString(), "vrrp"));
      List<String> viaClassPath = new ArrayList<>(jvm);
      viaClassPath.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hakit.examples.cli.HakitMain", "vrrp"));
      boolean jar = jarHasVrrpCommand(viaJar);
      logger.info("HAKit nodes run as {}", jar ? "java -jar " + HAKIT_JAR + " vrrp" : "HakitMain from the class path (no target/hakit.jar)");
      cachedJavaCommand = jar ? viaJar : viaClassPath;
    }
    return cachedJavaCommand;
  }

  private static boolean jarHasVrrpCommand(List<String> viaJar) {
    if (!Files.isRegularFile(HAKIT_JAR)) {
      return false;
    }
    List<String> help = new ArrayList<>(viaJar);
    help.add("--help");
    try {
      Process p = new ProcessBuilder(help).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("usage: hakit vrrp");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Any command (for example {@code ip netns exec NS ...}), its output going to {@code directory/name.log}. */
  public static NodeProcess start(String name, Path directory, List<String> command) throws IOException {
    Path log = directory.resolve(name + ".log");
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new NodeProcess(name, p, log);
  }

  /** The process id (with {@code ip netns exec}, the command's own: ip execs it). */
  public long pid() {
    return process.pid();
  }

  @Override
  public String log() {
    try {
      return name + " log:\n" + Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return name + ": no log (" + e.getMessage() + ")";
    }
  }

  /** Both keepalived ("Entering BACKUP STATE") and HAKit ("entering BACKUP state") log it. */
  @Override
  public boolean isReady() {
    String text = log().toLowerCase(java.util.Locale.ROOT);
    return text.contains("entering backup state") || text.contains("entering master state");
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, children first (keepalived's parent would otherwise respawn or clean up after them). */
  @Override
  public void crash() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    awaitExit(5);
  }

  /** SIGTERM, without waiting. */
  @Override
  public void terminate() {
    process.destroy();
  }

  /** The exit status, or -1 if it did not exit within {@code seconds}. */
  @Override
  public int awaitExit(long seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    if (process.isAlive() || process.descendants().findAny().isPresent()) {
      crash();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook runs anyway
    }
  }
}
