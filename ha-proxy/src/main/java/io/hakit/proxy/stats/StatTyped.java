package io.hakit.proxy.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code show stat typed} and {@code show stat json} in HAProxy 2.6's forms: one entry per
 * non-empty field of each row, with the field's position and name, its tags (origin, nature,
 * scope) and value type. The tags are HAProxy's published per-field facts; the few that differ
 * for a backend row are listed apart.
 */
final class StatTyped {
  /** name:origin nature scope:type, HAProxy 2.6's tags for frontend and server rows. */
  private static final String TAGS = """
      pxname:KNS:str svname:KNS:str qcur:MGP:u32 qmax:MMP:u32 scur:MGP:u32 smax:MMP:u32 slim:CLP:u32
      stot:MCP:u64 bin:MCP:u64 bout:MCP:u64 dreq:MCP:u64 dresp:MCP:u64 ereq:MCP:u64 econ:MCP:u64
      eresp:MCP:u64 wretr:MCP:u64 wredis:MCP:u64 status:SGP:str weight:MaP:u32 act:SGP:u32 bck:SGP:u32
      chkfail:MCP:u64 chkdown:MCP:u64 lastchg:MAP:u32 downtime:MCP:u32 qlimit:CLP:u32 pid:KGP:u32
      iid:KGS:u32 sid:KGS:u32 throttle:MAP:u32 lbtot:MCP:u64 tracked:CGS:str type:CGS:u32 rate:MRP:u32
      rate_lim:CLP:u32 rate_max:MMP:u32 check_status:MOP:str check_code:MOP:u32 check_duration:MDP:u64
      hrsp_1xx:MCP:u64 hrsp_2xx:MCP:u64 hrsp_3xx:MCP:u64 hrsp_4xx:MCP:u64 hrsp_5xx:MCP:u64
      hrsp_other:MCP:u64 hanafail:MCP:u64 req_rate:MRP:u32 req_rate_max:MMP:u32 req_tot:MCP:u64
      cli_abrt:MCP:u64 srv_abrt:MCP:u64 comp_in:MCP:u64 comp_out:MCP:u64 comp_byp:MCP:u64
      comp_rsp:MCP:u64 lastsess:MAP:s32 last_chk:MOP:str last_agt:MOP:str qtime:MaP:u32 ctime:MaP:u32
      rtime:MaP:u32 ttime:MaP:u32 agent_status:MOP:str agent_code:MOP:u32 agent_duration:MDP:u64
      check_desc:MOP:str agent_desc:MOP:str check_rise:CGS:u32 check_fall:CGS:u32 check_health:CGS:u32
      agent_rise:MaS:u32 agent_fall:MaS:u32 agent_health:SGS:u32 addr:CGS:str cookie:CGS:str
      mode:CGS:str algo:CGS:str conn_rate:MRP:u32 conn_rate_max:MMP:u32 conn_tot:MCP:u64
      intercepted:MCP:u64 dcon:MCP:u64 dses:MCP:u64 wrew:MCP:u64 connect:MCP:u64 reuse:MCP:u64
      cache_lookups:MCP:u64 cache_hits:MCP:u64 srv_icur:MGP:u32 src_ilim:MGP:u32 qtime_max:MMP:u32
      ctime_max:MMP:u32 rtime_max:MMP:u32 ttime_max:MMP:u32 eint:MCP:u64 idle_conn_cur:MGP:u32
      safe_conn_cur:MGP:u32 used_conn_cur:MGP:u32 need_conn_est:MGP:u32 uweight:MaP:u32
      agg_server_status:MGP:u32 agg_server_check_status:MGP:u32 agg_check_status:MGP:u32
      ssl_sess:MCP:u64 ssl_reused_sess:MCP:u64 ssl_failed_handshake:MCP:u64 h2_headers_rcvd:MCP:u64
      h2_data_rcvd:MCP:u64 h2_settings_rcvd:MCP:u64 h2_rst_stream_rcvd:MCP:u64 h2_goaway_rcvd:MCP:u64
      h2_detected_conn_protocol_errors:MCP:u64 h2_detected_strm_protocol_errors:MCP:u64
      h2_rst_stream_resp:MCP:u64 h2_goaway_resp:MCP:u64 h2_open_connections:MGP:u64
      h2_backend_open_streams:MGP:u64 h2_total_connections:MCP:u64 h2_backend_total_streams:MCP:u64
      h1_open_connections:MGP:u64 h1_open_streams:MGP:u64 h1_total_connections:MCP:u64
      h1_total_streams:MCP:u64 h1_bytes_in:MCP:u64 h1_bytes_out:MCP:u64 h1_spliced_bytes_in:MCP:u64
      h1_spliced_bytes_out:MCP:u64
      """;
  /** Where a backend row's tags differ (HAProxy reports them as gauges there). */
  private static final String BACKEND_TAGS = "act:MGP:u32 bck:MGP:u32 rate:MGP:u32 rate_max:MGP:u32";

  private record Tag(String letters, String type) {}

  private static final Map<String, Tag> FIELDS = parse(TAGS);
  private static final Map<String, Tag> BACKEND_FIELDS = parse(BACKEND_TAGS);

  private StatTyped() {}

  private static Map<String, Tag> parse(String table) {
    Map<String, Tag> out = new HashMap<>();
    for (String entry : table.trim().split("\\s+")) {
      String[] f = entry.split(":");
      out.put(f[0], new Tag(f[1], f[2]));
    }
    return out;
  }

  private static Tag tag(StatCsv.Row r, String name) {
    Tag t = r.kind == 'B' ? BACKEND_FIELDS.get(name) : null;
    if (t == null) {
      t = FIELDS.get(name);
    }
    return t == null ? new Tag("MGP", "str") : t;
  }

  /** Whether field {@code pos} of the row is printed: set (even to an empty text), and not the separator. */
  private static boolean printed(StatCsv.Row r, int pos) {
    return r.v[pos] != null && !StatCsv.column(pos).equals("-");
  }

  /**
   * A field's {@code pos}: its CSV column, except that the module fields after the CSV's {@code -}
   * separator are numbered on from it (the separator is no field).
   */
  private static int position(int column) {
    return column < SEPARATOR ? column : column - 1;
  }

  private static final int SEPARATOR = separator();

  private static int separator() {
    for (int i = 0; ; i++) {
      if (StatCsv.column(i).equals("-")) {
        return i;
      }
    }
  }

  /** {@code F.2.0.4.scur.1:MGP:u32:0}, one line per field. */
  static String typed(List<StatCsv.Row> rows) {
    StringBuilder out = new StringBuilder();
    for (StatCsv.Row r : rows) {
      for (int pos = 0; pos < r.v.length; pos++) {
        if (!printed(r, pos)) {
          continue;
        }
        String name = StatCsv.column(pos);
        Tag t = tag(r, name);
        out.append(r.kind).append('.').append(r.proxyId).append('.').append(r.serverId).append('.').append(position(pos))
            .append('.').append(name).append(".1:").append(t.letters()).append(':').append(t.type()).append(':')
            .append(r.v[pos]).append('\n');
      }
    }
    return out.toString();
  }

  /** An array of rows, each an array of field objects, on one line. */
  static String json(List<StatCsv.Row> rows) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < rows.size(); i++) {
      StatCsv.Row r = rows.get(i);
      out.append(i == 0 ? "[" : ",[");
      boolean first = true;
      for (int pos = 0; pos < r.v.length; pos++) {
        if (!printed(r, pos)) {
          continue;
        }
        String name = StatCsv.column(pos);
        Tag t = tag(r, name);
        out.append(first ? "" : ",").append("{\"objType\":\"").append(objType(r.kind)).append("\",\"proxyId\":")
            .append(r.proxyId).append(",\"id\":").append(r.serverId).append(",\"field\":{\"pos\":").append(position(pos))
            .append(",\"name\":\"").append(name).append("\"},\"processNum\":1,\"tags\":{\"origin\":\"")
            .append(origin(t.letters().charAt(0))).append("\",\"nature\":\"").append(nature(t.letters().charAt(1)))
            .append("\",\"scope\":\"").append(scope(t.letters().charAt(2))).append("\"},\"value\":{\"type\":\"")
            .append(t.type()).append("\",\"value\":");
        if (t.type().equals("str")) {
          quote(out, r.v[pos]);
        } else {
          out.append(r.v[pos]);
        }
        out.append("}}");
        first = false;
      }
      out.append(']');
    }
    return out.append("]\n").toString();
  }

  private static String objType(char kind) {
    return switch (kind) {
      case 'F' -> "Frontend";
      case 'B' -> "Backend";
      default -> "Server";
    };
  }

  static String origin(char c) {
    return switch (c) {
      case 'M' -> "Metric";
      case 'S' -> "Status";
      case 'K' -> "Key";
      case 'C' -> "Config";
      default -> "Product";
    };
  }

  static String nature(char c) {
    return switch (c) {
      case 'A' -> "Age";
      case 'a' -> "Avg";
      case 'C' -> "Counter";
      case 'D' -> "Duration";
      case 'G' -> "Gauge";
      case 'L' -> "Limit";
      case 'M' -> "Max";
      case 'm' -> "Min";
      case 'N' -> "Name";
      case 'O' -> "Output";
      case 'R' -> "Rate";
      default -> "Time";
    };
  }

  static String scope(char c) {
    return switch (c) {
      case 'C' -> "Cluster";
      case 'P' -> "Process";
      case 'S' -> "Service";
      default -> "System";
    };
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
