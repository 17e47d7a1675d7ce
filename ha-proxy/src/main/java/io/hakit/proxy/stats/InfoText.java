package io.hakit.proxy.stats;

import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.LastCheck;
import io.hakit.proxy.backend.ServerState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** {@code show info}, {@code show servers state} and {@code show backend}, in HAProxy 2.6's layouts. */
final class InfoText {
  /** The {@code show servers state} format version and column line. */
  static final String SERVERS_STATE_HEADER = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state "
      + "srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health "
      + "srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl "
      + "srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

  private InfoText() {}

  static String version() {
    String v = InfoText.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * HAProxy's {@code show info} keys, in its order; what HAKit does not measure is 0. The
   * connection and session rates are the frontends' summed; their maxima are the busiest
   * frontend's (a lower bound of the process's: HAKit keeps no process-wide counter).
   */
  static String info(ProxyStats stats) {
    long now = System.currentTimeMillis();
    long up = (now - stats.startMillis()) / 1000;
    long conns = 0;
    long reqs = 0;
    long bytesOut = 0;
    int listeners = 0;
    long rate = 0;
    int maxRate = 0;
    for (ProxyStats.FrontendStats f : stats.frontends()) {
      // The process's rate is the sum of its frontends'; its maximum is at least the busiest one's.
      rate += f.counters().sessionRate().rate();
      maxRate = Math.max(maxRate, f.counters().sessionRate().max());
      conns += f.counters().sessions();
      reqs += f.counters().requests();
      bytesOut += f.counters().bytesOut();
      listeners += f.model().binds().size();
    }
    int maxconn = stats.model().global().maxconn();
    StringBuilder out = new StringBuilder();
    line(out, "Name", "HAKit");
    line(out, "Version", version());
    line(out, "Release_date", "");
    line(out, "Nbthread", stats.eventLoops());
    line(out, "Nbproc", 1);
    line(out, "Process_num", 1);
    line(out, "Pid", ProcessHandle.current().pid());
    line(out, "Uptime", String.format(java.util.Locale.ROOT, "%dd %dh%02dm%02ds", up / 86400, up / 3600 % 24,
        up / 60 % 60, up % 60));
    line(out, "Uptime_sec", up);
    for (String k : new String[] {"Memmax_MB", "PoolAlloc_MB", "PoolUsed_MB", "PoolFailed", "Ulimit-n", "Maxsock"}) {
      line(out, k, 0);
    }
    line(out, "Maxconn", maxconn);
    line(out, "Hard_maxconn", maxconn);
    line(out, "CurrConns", stats.currentConnections());
    line(out, "CumConns", conns);
    line(out, "CumReq", reqs);
    for (String k : new String[] {"MaxSslConns", "CurrSslConns", "CumSslConns", "Maxpipes", "PipesUsed", "PipesFree"}) {
      line(out, k, 0);
    }
    line(out, "ConnRate", rate);
    line(out, "ConnRateLimit", 0);
    line(out, "MaxConnRate", maxRate);
    line(out, "SessRate", rate);
    line(out, "SessRateLimit", 0);
    line(out, "MaxSessRate", maxRate);
    for (String k : new String[] {"SslRate", "SslRateLimit", "MaxSslRate", "SslFrontendKeyRate",
        "SslFrontendMaxKeyRate", "SslFrontendSessionReuse_pct", "SslBackendKeyRate", "SslBackendMaxKeyRate", "SslCacheLookups", "SslCacheMisses", "CompressBpsIn",
        "CompressBpsOut", "CompressBpsRateLim", "Tasks", "Run_queue"}) {
      line(out, k, 0);
    }
    line(out, "Idle_pct", 100);
    line(out, "node", hostName());
    line(out, "Stopping", 0);
    line(out, "Jobs", stats.currentConnections() + listeners);
    line(out, "Unstoppable Jobs", 0);
    line(out, "Listeners", listeners);
    for (String k : new String[] {"ActivePeers", "ConnectedPeers", "DroppedLogs", "BusyPolling", "FailedResolutions"}) {
      line(out, k, 0);
    }
    line(out, "TotalBytesOut", bytesOut);
    line(out, "TotalSplicdedBytesOut", 0);
    line(out, "BytesOutRate", 0);
    line(out, "DebugCommandsIssued", 0);
    line(out, "CumRecvLogs", 0);
    line(out, "Build info", "HAKit " + version());
    line(out, "Memmax_bytes", 0);
    line(out, "PoolAlloc_bytes", 0);
    line(out, "PoolUsed_bytes", 0);
    line(out, "Start_time_sec", stats.startMillis() / 1000);
    line(out, "Tainted", 0);
    return out.toString();
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(key).append(": ").append(value).append('\n');
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** {@code show servers state [backend]}; null when the backend does not exist. */
  static @Nullable String serversState(ProxyStats stats, @Nullable String backendName) {
    StringBuilder out = new StringBuilder(SERVERS_STATE_HEADER);
    if (backendName != null && stats.backend(backendName) == null) {
      return null;
    }
    long now = System.currentTimeMillis();
    for (BackendState b : stats.backends()) {
      if (backendName != null && !b.name().equals(backendName)) {
        continue;
      }
      int beId = stats.idOf(b);
      for (ServerState s : b.servers()) {
        LastCheck lc = s.lastCheck();
        boolean checked = s.model().check().enabled();
        boolean running = s.isCheckedUp() && !s.inMaintenance();
        int admin = (s.inMaintenance() ? (s.model().disabled() ? 0x04 : 0x01) : 0) | (s.isDraining() ? 0x08 : 0);
        out.append(beId).append(' ').append(b.name()).append(' ').append(ProxyStats.idOf(s)).append(' ')
            .append(s.name()).append(' ').append(s.address().host()).append(' ').append(running ? 2 : 0).append(' ')
            .append(admin).append(' ').append(s.userWeight()).append(' ').append(s.initialWeight()).append(' ')
            .append((now - s.lastChangeMillis()) / 1000).append(' ').append(checkStatusNumber(checked, lc))
            .append(' ').append(checkResult(checked, lc)).append(' ')
            .append(checked ? (lc.durationMillis() < 0 ? s.model().check().rise() : lc.health()) : running ? 2 : 0)
            .append(' ').append(checked ? (s.checksPaused() ? 2 : 6) : 0).append(" 0 0 0 - ")
            .append(s.address().port()).append(" - 0 ").append(s.model().check().port()).append(" ")
            .append(s.model().check().addr() == null ? "-" : s.model().check().addr()).append(" - 0\n");
      }
    }
    return out.toString();
  }

  /**
   * HAProxy's HCHK_STATUS_* numbers (check-t.h): INI 1, L4OK 6, L4TOUT 7, L4CON 8, L7TOUT 12,
   * L7RSP 13, L7OK 15, L7STS 17.
   */
  private static int checkStatusNumber(boolean checked, LastCheck lc) {
    if (!checked || lc.durationMillis() < 0) {
      return 1;
    }
    return switch (lc.status()) {
      case "L4OK" -> 6;
      case "L4TOUT" -> 7;
      case "L4CON" -> 8;
      case "L7TOUT" -> 12;
      case "L7RSP" -> 13;
      case "L7OK" -> 15;
      case "L7STS" -> 17;
      default -> 0;
    };
  }

  /** CHK_RES_*: 0 unknown, 2 failed, 3 passed. */
  private static int checkResult(boolean checked, LastCheck lc) {
    if (!checked || lc.durationMillis() < 0) {
      return 0;
    }
    return lc.status().endsWith("OK") ? 3 : 2;
  }

  /** {@code show backend}. */
  static String backends(ProxyStats stats) {
    StringBuilder out = new StringBuilder("# name\n");
    for (BackendState b : stats.backends()) {
      out.append(b.name()).append('\n');
    }
    return out.toString();
  }
}
