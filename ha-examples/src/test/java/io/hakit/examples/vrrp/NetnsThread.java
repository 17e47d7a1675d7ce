package io.hakit.examples.vrrp;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A thread inside a node's network namespace (setns(2)): what it opens, and the threads it starts,
 * live in that namespace while the test JVM stays outside. Used to run HAKit through its API on a
 * node of the {@link Lan}.
 */
public final class NetnsThread implements AutoCloseable {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_CLOEXEC = 0x80000;

  private final ExecutorService thread;

  public NetnsThread(Lan.Node node) throws Exception {
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "netns-" + node.ns);
      t.setDaemon(true);
      return t;
    });
    call(() -> {
      int fd = NetnsLibC.INSTANCE.open("/var/run/netns/" + node.ns, O_CLOEXEC);
      try {
        NetnsLibC.INSTANCE.setns(fd, CLONE_NEWNET);
      } finally {
        NetnsLibC.INSTANCE.close(fd);
      }
      return null;
    });
  }

  public <T> T call(Callable<T> task) throws Exception {
    try {
      return thread.submit(task).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
