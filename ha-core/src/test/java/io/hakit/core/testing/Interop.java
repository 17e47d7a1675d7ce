package io.hakit.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Prerequisites of interop tests: root, network namespaces, peer binaries (haproxy, keepalived,
 * wrk). When one is missing, the test is skipped with a one-line reason, unless the environment
 * sets {@code HAKIT_REQUIRE_INTEROP=1} (CI does): then it fails, so that CI never goes green by
 * silently skipping the real thing.
 *
 * <pre>{@code
 * @BeforeAll static void prerequisites() { Interop.require(Interop.binary("haproxy")); }
 * }</pre>
 */
public final class Interop {
  /** The environment variable that turns missing prerequisites into failures. */
  public static final String REQUIRE_ENV = "HAKIT_REQUIRE_INTEROP";

  private Interop() {}

  /** One prerequisite: null when met, else why not. */
  @FunctionalInterface
  public interface Prerequisite {
    /** Null when met; otherwise a one-line reason. */
    String missing();
  }

  public static boolean required() {
    return "1".equals(System.getenv(REQUIRE_ENV)) || "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
  }

  /** Skips (or, under HAKIT_REQUIRE_INTEROP=1, fails) unless every prerequisite is met. */
  public static void require(Prerequisite... prerequisites) {
    List<String> missing = new ArrayList<>();
    for (Prerequisite p : prerequisites) {
      String why = p.missing();
      if (why != null) {
        missing.add(why);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String reason = "interop prerequisite missing: " + String.join("; ", missing);
    if (required()) {
      Assertions.fail(reason + " (" + REQUIRE_ENV + "=1)");
    }
    Assumptions.abort(reason);
  }

  /** The process runs as root (uid 0): raw sockets, addresses, namespaces. */
  public static Prerequisite root() {
    return () -> "root".equals(System.getProperty("user.name")) || uidIsZero() ? null : "not running as root";
  }

  private static boolean uidIsZero() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** An executable on PATH (or an absolute path). */
  public static Prerequisite binary(String name) {
    return () -> findBinary(name) != null ? null : "'" + name + "' not found on PATH";
  }

  /** The path of an executable on PATH, or null. */
  public static Path findBinary(String name) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    List<String> dirs = new ArrayList<>(List.of(path.split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin"));
    for (String dir : dirs) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** {@code ip netns add} works here (root and a kernel that allows it): probed with a throwaway namespace. */
  public static Prerequisite netns() {
    return () -> {
      if (findBinary("ip") == null) {
        return "'ip' (iproute2) not found";
      }
      String probe = "hkprobe" + ProcessHandle.current().pid();
      try {
        boolean ok = run("ip", "netns", "add", probe) == 0;
        run("ip", "netns", "del", probe);
        return ok ? null : "'ip netns add' failed (not root, or no namespace support)";
      } catch (IOException e) {
        return "'ip netns' failed: " + e.getMessage();
      }
    };
  }

  private static int run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return -1;
    }
  }
}
