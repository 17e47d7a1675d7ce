package io.hakit.benchmarks.rig;

import io.hakit.config.haproxy.ConfigResult;
import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.proxy.ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for {@code java -jar hakit.jar proxy -f FILE} while that command is not built: reads
 * the haproxy.cfg files with ha-config-haproxy, runs them with ha-proxy's {@link ProxyServer} in
 * the foreground, stops on SIGTERM. For the rig only:
 *
 * <pre>
 * --hakit-cmd "java -Xms512m -Xmx512m -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar
 *              io.hakit.benchmarks.rig.HakitProxyMain -f"
 * </pre>
 */
public final class HakitProxyMain {

  private HakitProxyMain() {}

  public static void main(String[] args) throws InterruptedException {
    // No per-request or startup chatter on the measured path; set before any logger exists.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-f") && i + 1 < args.length) {
        files.add(Path.of(args[++i]));
      } else {
        System.err.println("usage: HakitProxyMain -f FILE [-f FILE ...]");
        System.exit(2);
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: HakitProxyMain -f FILE [-f FILE ...]");
      System.exit(2);
    }
    ConfigResult config = new HaproxyConfigReader().read(files);
    config.warnings().forEach(warning -> System.err.println("[WARNING] " + warning));
    ProxyServer proxy = ProxyServer.builder(config.model()).build();
    proxy.start().toCompletableFuture().join();
    System.err.println(
        "hakit proxy: " + proxy.eventLoops() + " event loop(s), " + proxy.transport() + ", "
            + proxy.boundAddresses());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  proxy.stop(Duration.ofSeconds(5)).toCompletableFuture().join();
                  stopped.countDown();
                },
                "hakit-stop"));
    stopped.await();
  }
}
