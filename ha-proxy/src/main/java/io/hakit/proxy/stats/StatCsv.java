package io.hakit.proxy.stats;

import io.hakit.core.model.BackendRule;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.Mode;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.LastCheck;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.backend.TrafficCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code show stat} in HAProxy 2.6's CSV: the same header line, one FRONTEND row, the server rows
 * and one BACKEND row per proxy. Columns HAKit measures carry values (rates over the last second,
 * phase times averaged over the last 1024 sessions); columns it does not (compression, SSL,
 * HTTP/2, cookies) are 0 where HAProxy prints a counter nobody incremented, empty where HAProxy
 * prints nothing for that row type or mode.
 */
final class StatCsv {
  /** HAProxy 2.6's header, trailing comma included. */
  static final String HEADER =
      "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,"
      + "status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,"
      + "type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,"
      + "hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,"
      + "comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,"
      + "agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,"
      + "agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,"
      + "dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,"
      + "ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,"
      + "agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,"
      + "h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,"
      + "h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,"
      + "h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,"
      + "h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,"
      + "h1_spliced_bytes_in,h1_spliced_bytes_out,";

  private static final String[] COLUMNS = HEADER.substring(2, HEADER.length() - 1).split(",", -1);
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < COLUMNS.length; i++) {
      INDEX.put(COLUMNS[i], i);
    }
  }

  /** Row types for the filter, HAProxy's bits. */
  static final int TYPE_FRONTEND = 1;
  static final int TYPE_BACKEND = 2;
  static final int TYPE_SERVER = 4;

  /** Which rows {@code show stat} prints. */
  record Filter(@Nullable String proxy, int types, int serverId, boolean upOnly, boolean noMaint) {
    static final Filter ALL = new Filter(null, -1, -1, false, false);

    boolean wants(ProxyStats.Proxy p, int type) {
      return (proxy == null || proxy.equals(p.name()) || proxy.equals(Integer.toString(p.id()))) && (types & type) != 0;
    }
  }

  private StatCsv() {}

  static String render(ProxyStats stats, CliLevel level, Filter filter) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Row r : rows(stats, level, filter)) {
      r.appendTo(out);
    }
    return out.toString();
  }

  /** The rows {@code show stat} prints, in its order, for the CSV, typed and JSON forms. */
  static List<Row> rows(ProxyStats stats, CliLevel level, Filter filter) {
    List<Row> out = new ArrayList<>();
    boolean showAddr = level.allows(CliLevel.OPERATOR);
    long now = System.currentTimeMillis();
    for (ProxyStats.Proxy p : stats.proxies()) {
      if (p.frontend() != null && filter.wants(p, TYPE_FRONTEND)) {
        frontend(out, stats, p, p.frontend());
      }
      BackendState b = p.backend();
      if (b == null) {
        continue;
      }
      if (filter.wants(p, TYPE_SERVER)) {
        for (ServerState s : b.servers()) {
          boolean skip = (filter.serverId() >= 0 && ProxyStats.idOf(s) != filter.serverId())
              || (filter.upOnly() && !s.isUp()) || (filter.noMaint() && s.inMaintenance());
          if (!skip) {
            server(out, p, s, showAddr, now);
          }
        }
      }
      if (filter.wants(p, TYPE_BACKEND)) {
        backend(out, stats, p, b, showAddr, now);
      }
    }
    return out;
  }

  /** The column names in order ({@code pos} in the typed and JSON forms). */
  static String column(int pos) {
    return COLUMNS[pos];
  }

  /** One row being filled by column name: a frontend ('F'), backend ('B') or server ('S'). */
  static final class Row {
    /** Null where the row has no such field (empty in the CSV, absent from the typed forms). */
    final @Nullable String[] v = new String[COLUMNS.length];
    char kind;
    int proxyId;
    int serverId;

    Row set(String column, Object value) {
      Integer i = INDEX.get(column);
      if (i == null) {
        throw new IllegalArgumentException("no column " + column);
      }
      v[i] = String.valueOf(value).replace(',', ' ');
      return this;
    }

    Row zero(String... columns) {
      for (String c : columns) {
        set(c, 0);
      }
      return this;
    }

    void appendTo(StringBuilder out) {
      for (String s : v) {
        out.append(s == null ? "" : s).append(',');
      }
      out.append('\n');
    }
  }

  private static void common(Row r, ProxyStats.Proxy p, String svname, int sid, int type) {
    r.kind = type == 0 ? 'F' : type == 1 ? 'B' : 'S';
    r.proxyId = p.id();
    r.serverId = sid;
    r.set("pxname", p.name()).set("svname", svname).set("pid", 1).set("iid", p.id()).set("sid", sid)
        .set("type", type).set("-", "-");
  }

  /** Status classes and requests: HTTP rows only; a TCP frontend still says 0 requests, as HAProxy does. */
  private static void http(Row r, TrafficCounters c, boolean http, boolean frontend) {
    if (http) {
      for (int k = 1; k <= 5; k++) {
        r.set("hrsp_" + k + "xx", c.status(k));
      }
      r.set("hrsp_other", c.status(0)).set("req_tot", c.requests());
    } else if (frontend) {
      r.set("req_tot", 0);
    }
  }

  /** Session rates and the phase times averaged over recent sessions (backend and server rows). */
  private static void ratesAndTimes(Row r, TrafficCounters c) {
    r.set("rate", c.sessionRate().rate()).set("rate_max", c.sessionRate().max())
        .set("qtime", c.queueTime().average()).set("ctime", c.connectTime().average())
        .set("rtime", c.responseTime().average()).set("ttime", c.totalTime().average())
        .set("qtime_max", c.queueTime().max()).set("ctime_max", c.connectTime().max())
        .set("rtime_max", c.responseTime().max()).set("ttime_max", c.totalTime().max());
  }

  private static void frontend(List<Row> out, ProxyStats stats, ProxyStats.Proxy p, ProxyStats.FrontendStats f) {
    Frontend m = f.model();
    TrafficCounters c = f.counters();
    boolean http = m.mode() == Mode.HTTP;
    Row r = new Row();
    common(r, p, "FRONTEND", 0, 0);
    int slim = m.maxconn() > 0 ? m.maxconn() : stats.model().global().maxconn();
    r.set("scur", c.current()).set("smax", c.currentMax()).set("slim", slim).set("stot", c.sessions())
        .set("bin", c.bytesIn()).set("bout", c.bytesOut()).set("ereq", c.requestErrors()).set("status", "OPEN")
        .set("mode", m.mode().name().toLowerCase(java.util.Locale.ROOT)).set("conn_tot", c.sessions())
        .set("rate", c.sessionRate().rate()).set("rate_max", c.sessionRate().max())
        .set("conn_rate", c.sessionRate().rate()).set("conn_rate_max", c.sessionRate().max())
        .set("req_rate", http ? c.requestRate().rate() : 0).set("req_rate_max", http ? c.requestRate().max() : 0)
        .zero("dreq", "dresp", "rate_lim", "comp_in", "comp_out", "comp_byp", "comp_rsp", "dcon", "dses", "wrew",
            "eint");
    if (http) {
      r.zero("intercepted", "cache_lookups", "cache_hits");
    }
    http(r, c, http, true);
    protocolCounters(r);
    r.set("h1_open_connections", http ? c.current() : 0).set("h1_total_connections", http ? c.sessions() : 0)
        .set("h1_total_streams", http ? c.requests() : 0).set("h1_bytes_in", http ? c.bytesIn() : 0)
        .set("h1_bytes_out", http ? c.bytesOut() : 0);
    out.add(r);
  }

  /** SSL, HTTP/2 and HTTP/1 module counters: present, zero (HAKit serves no TLS nor h2). */
  private static void protocolCounters(Row r) {
    for (int i = INDEX.get("ssl_sess"); i < COLUMNS.length; i++) {
      r.v[i] = "0";
    }
  }

  private static void server(List<Row> out, ProxyStats.Proxy p, ServerState s, boolean showAddr, long now) {
    TrafficCounters c = s.counters();
    BackendState b = s.backend();
    boolean http = b.model().mode() == Mode.HTTP;
    boolean checked = s.model().check().enabled();
    Row r = new Row();
    common(r, p, s.name(), ProxyStats.idOf(s), 2);
    r.zero("qcur", "qmax", "dresp", "wrew", "srv_icur", "eint", "idle_conn_cur", "safe_conn_cur",
        "need_conn_est", "ssl_sess", "ssl_reused_sess", "ssl_failed_handshake");
    ratesAndTimes(r, c);
    r.set("scur", s.activeConnections()).set("bin", c.bytesIn()).set("smax", Math.max(c.currentMax(), s.activeConnections()))
        .set("stot", c.sessions()).set("bout", c.bytesOut()).set("econ", c.connectErrors())
        .set("eresp", c.responseErrors()).set("wretr", c.retries()).set("wredis", c.redispatches())
        .set("status", status(s)).set("weight", s.inMaintenance() ? 0 : s.weight())
        .set("act", s.isBackup() ? 0 : 1).set("bck", s.isBackup() ? 1 : 0)
        .set("lastchg", (now - s.lastChangeMillis()) / 1000).set("lbtot", c.selectedTotal())
        .set("cli_abrt", c.clientAborts()).set("srv_abrt", c.serverAborts())
        .set("lastsess", c.lastSessionMillis() == 0 ? -1 : (now - c.lastSessionMillis()) / 1000)
        .set("mode", b.model().mode().name().toLowerCase(java.util.Locale.ROOT))
        .set("connect", c.connects()).set("reuse", c.reuses()).set("used_conn_cur", s.activeConnections())
        .set("uweight", s.userWeight());
    if (s.maxConnections() > 0) {
      r.set("slim", s.maxConnections());
    }
    http(r, c, http, false);
    if (showAddr) {
      r.set("addr", s.address().host() + ":" + s.address().port());
    }
    if (checked) {
      LastCheck lc = s.lastCheck();
      r.set("chkfail", s.failedChecks()).set("chkdown", s.downTransitions()).set("downtime", s.downtimeMillis() / 1000)
          .set("check_rise", s.model().check().rise()).set("check_fall", s.model().check().fall())
          .set("check_health", lc.durationMillis() < 0 ? s.model().check().rise() : lc.health());
      if (lc.durationMillis() >= 0) {
        r.set("check_status", lc.status()).set("check_duration", lc.durationMillis()).set("last_chk", lc.info())
            .set("check_desc", lc.description());
        if (lc.code() > 0) {
          r.set("check_code", lc.code());
        }
      }
    }
    out.add(r);
  }

  /** HAProxy's server status words, with the rise/fall progress of a check under way. */
  static String status(ServerState s) {
    if (s.inMaintenance()) {
      return "MAINT";
    }
    if (!s.model().check().enabled()) {
      return s.isDraining() ? "DRAIN" : "no check";
    }
    LastCheck lc = s.lastCheck();
    int rise = s.model().check().rise();
    int fall = s.model().check().fall();
    if (s.isCheckedUp()) {
      String up = s.isDraining() ? "DRAIN" : "UP";
      int health = lc.durationMillis() < 0 ? rise + fall - 1 : lc.health();
      return health < rise + fall - 1 ? up + " " + (health - rise + 1) + "/" + fall : up;
    }
    return lc.health() > 0 ? "DOWN " + lc.health() + "/" + rise : "DOWN";
  }

  private static void backend(List<Row> out, ProxyStats stats, ProxyStats.Proxy p, BackendState b,
      boolean showAddr, long now) {
    TrafficCounters c = b.counters();
    boolean http = b.model().mode() == Mode.HTTP;
    int scur = 0;
    int weight = 0;
    int uweight = 0;
    for (ServerState s : b.servers()) {
      scur += s.activeConnections();
      if (s.isUp() && !s.isBackup()) {
        weight += s.weight();
        uweight += s.userWeight();
      }
    }
    Row r = new Row();
    common(r, p, "BACKEND", 0, 1);
    r.zero("qmax", "dreq", "dresp", "comp_in", "comp_out", "comp_byp", "comp_rsp", "wrew", "eint",
        "agg_server_status", "agg_server_check_status", "agg_check_status");
    if (http) {
      r.zero("cache_lookups", "cache_hits");
    }
    ratesAndTimes(r, c);
    r.set("qcur", b.queueLength()).set("bin", c.bytesIn()).set("scur", scur).set("smax", Math.max(c.currentMax(), scur))
        .set("slim", fullconn(stats, b)).set("stot", c.sessions()).set("bout", c.bytesOut())
        .set("econ", c.connectErrors()).set("eresp", c.responseErrors()).set("wretr", c.retries())
        .set("wredis", c.redispatches()).set("status", weight > 0 || b.servers().isEmpty() ? "UP" : "DOWN")
        .set("weight", weight).set("act", b.activeServersUp()).set("bck", b.backupServersUp())
        .set("chkdown", b.downTransitions()).set("lastchg", (now - b.lastChangeMillis()) / 1000)
        .set("lbtot", c.selectedTotal()).set("cli_abrt", c.clientAborts()).set("srv_abrt", c.serverAborts())
        .set("lastsess", c.lastSessionMillis() == 0 ? -1 : (now - c.lastSessionMillis()) / 1000)
        .set("mode", b.model().mode().name().toLowerCase(java.util.Locale.ROOT)).set("connect", c.connects())
        .set("reuse", c.reuses()).set("uweight", uweight);
    if (showAddr) {
      r.set("algo", b.model().balance().algorithm());
    }
    if (!b.servers().isEmpty()) {
      r.set("downtime", b.downtimeMillis() / 1000);
    }
    http(r, c, http, false);
    protocolCounters(r);
    out.add(r);
  }

  /** {@code fullconn}, else HAProxy's default: a tenth of the maxconn of the frontends that use it, rounded up. */
  static int fullconn(ProxyStats stats, BackendState b) {
    if (b.model().fullconn() > 0) {
      return b.model().fullconn();
    }
    long sum = 0;
    for (Frontend f : stats.model().frontends()) {
      boolean uses = b.name().equals(f.defaultBackend()) || b.name().equals(f.name());
      for (BackendRule rule : f.backendRules()) {
        uses |= b.name().equals(rule.backend());
      }
      if (uses) {
        sum += f.maxconn() > 0 ? f.maxconn() : stats.model().global().maxconn();
      }
    }
    return (int) ((sum + 9) / 10);
  }
}
