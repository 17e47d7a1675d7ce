package io.hakit.proxy.stats;

import io.hakit.proxy.backend.LiveStreams;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code show sess [<id>|all]}: one line per stream in progress, in HAProxy 2.6's form up to the
 * age ({@code 0x<id>: proto=tcpv4 src=<ip:port> fe=<name> be=<name> srv=<name> ts=00 age=<t>}),
 * the CLI client's own stream first. HAProxy's scheduler and buffer internals that follow in its
 * lines (calls, cpu, channel flags, fds) have no HAKit counterpart and are left out. An HTTP
 * request is a stream from its complete head to its end; a TCP connection, for its lifetime.
 */
final class ShowSess {
  /** How long a busy event loop may take to list its streams. */
  private static final long LOOP_WAIT_MILLIS = 1000;

  private ShowSess() {}

  static String render(ProxyStats stats, CliSession.Peer self, String which) {
    List<String> lines = new ArrayList<>();
    long selfAge = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - self.openedNanos());
    lines.add(line(self.id(), self.proto(), self.source(), "GLOBAL", "<NONE>", "<none>", selfAge));
    for (ProxyStats.FrontendStats f : stats.frontends()) {
      String fe = f.model().name();
      for (LiveStreams.Snapshot s : f.counters().streams().snapshot(LOOP_WAIT_MILLIS)) {
        InetSocketAddress a = s.source();
        boolean v6 = a != null && a.getAddress() instanceof java.net.Inet6Address;
        String src = a == null || a.getAddress() == null ? "?"
            : io.netty.util.NetUtil.toAddressString(a.getAddress()) + ":" + a.getPort();
        lines.add(line(s.id(), v6 ? "tcpv6" : "tcpv4", src, fe, s.backend() == null ? fe : s.backend(),
            s.server() == null ? "<none>" : s.server(), s.ageMillis()));
      }
    }
    if (which.isEmpty() || which.equals("all")) {
      return String.join("", lines);
    }
    String wanted = which.startsWith("0x") ? which : "0x" + which;
    for (String l : lines) {
      if (l.startsWith(wanted + ":")) {
        return l;
      }
    }
    return "Session not found.\n";
  }

  private static String line(long id, String proto, String src, String fe, String be, String srv, long ageMillis) {
    return "0x" + Long.toHexString(id) + ": proto=" + proto + " src=" + src + " fe=" + fe + " be=" + be + " srv=" + srv
        + " ts=00 age=" + age(ageMillis) + "\n";
  }

  /** HAProxy's short human durations: 5s, 1m3s, 2h3m, 1d2h. */
  static String age(long millis) {
    long s = millis / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + s % 60 + "s";
    }
    if (s < 86_400) {
      return s / 3600 + "h" + s % 3600 / 60 + "m";
    }
    return s / 86_400 + "d" + s % 86_400 / 3600 + "h";
  }
}
