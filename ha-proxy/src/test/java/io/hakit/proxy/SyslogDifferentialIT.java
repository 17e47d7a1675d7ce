package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same config under {@code haproxy -db} and under HAKit, each logging to its own syslog socket
 * on loopback: the datagrams must match once the time, the pid and the measured durations are
 * masked.
 */
class SyslogDifferentialIT {

  private static String config(int syslogPort, int frontPort, int deadPort) {
    return config(syslogPort, frontPort, deadPort, "    server s1 127.0.0.1:" + deadPort + " check inter 200 fall 1 rise 1");
  }

  private static String config(int syslogPort, int frontPort, int deadPort, String backendLines) {
    return String.join("\n",
        "global",
        "    log 127.0.0.1:" + syslogPort + " local2",
        "defaults",
        "    mode http",
        "    log global",
        "    option httplog",
        // The harness's readiness probe (a connection that sends nothing) must not log a line.
        "    option dontlognull",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend f",
        "    bind 127.0.0.1:" + frontPort,
        "    default_backend b",
        "backend b",
        backendLines,
        "");
  }

  @Test
  void serverGoesDown_sameSyslogLinesAsHaproxy() throws Exception {
    List<String> fromHaproxy = sameLines(null);
    assertThat(fromHaproxy).hasSize(2);
  }

  /**
   * option log-health-checks, and haproxy's health counter: a server starts UP at health rise, so
   * its first failed check already takes it DOWN (fall 3 notwithstanding), with a check line first.
   */
  @Test
  void logHealthChecks_deadFromStart_sameSyslogLinesAsHaproxy() throws Exception {
    List<String> fromHaproxy = sameLines("    option log-health-checks\n    server s1 127.0.0.1:%d check inter 100"
        + " rise 2 fall 3");
    assertThat(fromHaproxy).hasSize(3);
    assertThat(fromHaproxy.get(0)).contains("Health check for server b/s1 failed, reason: Layer4 connection problem")
        .contains("status: 0/2 DOWN.");
  }

  /** The lines each proxy sends until "no server available", masked; asserts they agree and returns haproxy's. */
  private static List<String> sameLines(String backendLines) throws Exception {
    Interop.require(Interop.binary("haproxy"));
    int deadPort = FreePorts.next();
    List<String> fromHaproxy;
    List<String> fromHakit;
    try (DatagramChannel syslog = receiver()) {
      int port = FreePorts.next();
      HaproxyProcess haproxy = new HaproxyProcess(cfg(localPort(syslog), port, deadPort, backendLines), port);
      try {
        fromHaproxy = collect(syslog, "has no server available!");
      } finally {
        haproxy.close();
      }
    }
    try (DatagramChannel syslog = receiver()) {
      int port = FreePorts.next();
      var model = new HaproxyConfigReader().read("haproxy.cfg", cfg(localPort(syslog), port, deadPort, backendLines))
          .model();
      ProxyFixture hakit = new ProxyFixture(model, port, TransportKind.AUTO);
      try {
        fromHakit = collect(syslog, "has no server available!");
      } finally {
        hakit.close();
      }
    }
    assertThat(fromHakit.stream().map(SyslogDifferentialIT::mask).toList())
        .isEqualTo(fromHaproxy.stream().map(SyslogDifferentialIT::mask).toList());
    return fromHaproxy;
  }

  private static String cfg(int syslogPort, int frontPort, int deadPort, String backendLines) {
    return backendLines == null ? config(syslogPort, frontPort, deadPort)
        : config(syslogPort, frontPort, deadPort, String.format(backendLines, deadPort));
  }

  private static DatagramChannel receiver() throws IOException {
    DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    ch.socket().setSoTimeout(200);
    return ch;
  }

  private static int localPort(DatagramChannel ch) throws IOException {
    return ((InetSocketAddress) ch.getLocalAddress()).getPort();
  }

  /** Datagrams until one contains {@code last}, within 10 s and 50 lines. */
  private static List<String> collect(DatagramChannel ch, String last) throws IOException {
    List<String> lines = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    byte[] data = new byte[4096];
    while (System.nanoTime() < deadline && lines.size() < 50) {
      DatagramPacket p = new DatagramPacket(data, data.length);
      try {
        ch.socket().receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      }
      String line = new String(data, 0, p.getLength(), StandardCharsets.UTF_8);
      lines.add(line);
      if (line.contains(last)) {
        return lines;
      }
    }
    throw new AssertionError("no line containing '" + last + "' within 10 s; got " + lines);
  }

  /** Masks what differs between two runs: the time, the pid, durations in ms. */
  private static String mask(String line) {
    return line.replaceFirst("^(<\\d+>)[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d ", "$1TIME ")
        .replaceFirst("haproxy\\[\\d+\\]: ", "haproxy[PID]: ")
        .replaceAll("duration: \\d+ms", "duration: Nms");
  }
}
