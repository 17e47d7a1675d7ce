package io.hakit.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The seed's haproxy.cfg, embedded in the jar, and the demo's adaptation of it: the frontend's
 * {@code *:5000} becomes the VIP, the {@code static} server points at the demo's static origin, and
 * the {@code app} backend (empty in the seed) gets the demo's app origin, and the stats socket
 * moves from the host's {@code /var/lib/haproxy/stats} to {@link #demoStatsSocket()} (the demo
 * runs anywhere, and the socket follows the master, the only node whose proxy runs). Everything
 * else is the seed's text, legacy {@code frontend  main ADDR} header included.
 */
public final class SeedConfig {
  private SeedConfig() {}

  /** The seed file as shipped. */
  public static String text() {
    try (InputStream in = SeedConfig.class.getResourceAsStream("/io/hakit/examples/seed/haproxy.cfg")) {
      if (in == null) {
        throw new IllegalStateException("the seed haproxy.cfg is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed with the demo's addresses; fails loudly if the seed no longer has the lines replaced. */
  static String forDemo(String vip, int port, int staticPort, int appPort) {
    String seed = text();
    String cfg = replaceOnce(seed, "frontend  main *:5000", "frontend  main " + vip + ":" + port);
    cfg = replaceOnce(cfg, "stats socket /var/lib/haproxy/stats", "stats socket " + demoStatsSocket());
    cfg = replaceOnce(cfg, "server      static 127.0.0.1:4331 check", "server      static 127.0.0.1:" + staticPort + " check");
    return replaceOnce(cfg, "backend app\n    balance     roundrobin\n",
        "backend app\n    balance     roundrobin\n    server      app1 127.0.0.1:" + appPort + " check\n");
  }

  /** {@code <tmpdir>/hakit-demo-<pid>.sock}: {@code echo "show stat" | socat stdio <it>} during a demo. */
  static java.nio.file.Path demoStatsSocket() {
    return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
        "hakit-demo-" + ProcessHandle.current().pid() + ".sock");
  }

  private static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0) {
      throw new IllegalStateException("seed haproxy.cfg: expected line not found: " + from);
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }
}
