package io.hakit.vrrp.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One network namespace made by a test ({@code ip netns add}), with a thread that lives inside it
 * (setns(2) on a dedicated thread): sockets created by {@link #call} belong to the namespace, while
 * the rest of the JVM stays where it was. Removed by {@link #close}, also on failure.
 */
final class Netns implements AutoCloseable {
  private final String name;
  private final ExecutorService thread;
  private final Thread cleanup;

  private Netns(String name) {
    this.name = name;
    this.cleanup = new Thread(this::delete, "delete-" + name);
    Runtime.getRuntime().addShutdownHook(cleanup); // also when the test JVM is stopped mid-test
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "netns-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates {@code ip netns add NAME}, brings up its loopback and enters it on the namespace thread. */
  static Netns create(String name) throws Exception {
    run("ip", "netns", "add", name);
    Netns ns = new Netns(name);
    try {
      ns.exec("ip", "link", "set", "lo", "up");
      ns.call(() -> {
        int fd = NetnsLibC.INSTANCE.open("/var/run/netns/" + name, NetnsLibC.O_RDONLY | NetnsLibC.O_CLOEXEC);
        try {
          NetnsLibC.INSTANCE.setns(fd, NetnsLibC.CLONE_NEWNET);
        } finally {
          NetnsLibC.INSTANCE.close(fd);
        }
        return null;
      });
      return ns;
    } catch (Exception | Error e) {
      ns.close();
      throw e;
    }
  }

  String name() {
    return name;
  }

  /** Runs on the thread inside the namespace; 10 s at most. */
  <T> T call(Callable<T> task) throws Exception {
    Future<T> future = thread.submit(task);
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    }
  }

  /** {@code ip netns exec NAME command...}; returns stdout, throws on a non-zero exit. */
  String exec(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /**
   * Sets a {@code net.*} sysctl of this namespace by writing its /proc/sys file (no dependency on
   * procps' sysctl binary). {@code key} is dotted: {@code net.ipv4.conf.vb.arp_accept}.
   */
  void sysctl(String key, String value) throws IOException {
    if (!key.matches("net\\.[a-z0-9_.]+")) {
      throw new IllegalArgumentException("key: " + key + " (expected: net.xxx.yyy)");
    }
    exec("sh", "-c", "printf %s '" + value + "' > /proc/sys/" + key.replace('.', '/'));
  }

  static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    delete();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook runs anyway
    }
  }

  private void delete() {
    try {
      run("ip", "netns", "del", name);
    } catch (IOException e) {
      // Already gone, or never made: nothing left to clean.
    }
  }
}
