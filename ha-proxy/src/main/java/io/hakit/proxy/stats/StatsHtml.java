package io.hakit.proxy.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats page's HTML: the process summary, then one table per proxy with the rows of {@code
 * show stat} (FRONTEND, servers, BACKEND) and the columns HAProxy's page groups as Queue,
 * Session rate, Sessions, Bytes, Denied, Errors, Warnings and Server. Built from the CSV text so
 * that the page and {@code ;csv} never disagree.
 */
final class StatsHtml {
  /** Page columns: title, CSV column. */
  private static final String[][] COLUMNS = {
      {"Queue Cur", "qcur"}, {"Queue Max", "qmax"}, {"Queue Limit", "qlimit"},
      {"Session rate Cur", "rate"}, {"Session rate Max", "rate_max"}, {"Session rate Limit", "rate_lim"},
      {"Sessions Cur", "scur"}, {"Sessions Max", "smax"}, {"Sessions Limit", "slim"}, {"Sessions Total", "stot"},
      {"LbTot", "lbtot"}, {"Last", "lastsess"}, {"Bytes In", "bin"}, {"Bytes Out", "bout"},
      {"Denied Req", "dreq"}, {"Denied Resp", "dresp"}, {"Errors Req", "ereq"}, {"Errors Conn", "econ"},
      {"Errors Resp", "eresp"}, {"Warnings Retr", "wretr"}, {"Warnings Redis", "wredis"}, {"Status", "status"},
      {"LastChk", "check_status"}, {"Wght", "weight"}, {"Act", "act"}, {"Bck", "bck"}, {"Chk", "chkfail"},
      {"Dwn", "chkdown"}, {"Dwntme", "downtime"}, {"Address", "addr"}, {"Requests", "req_tot"},
      {"1xx", "hrsp_1xx"}, {"2xx", "hrsp_2xx"}, {"3xx", "hrsp_3xx"}, {"4xx", "hrsp_4xx"}, {"5xx", "hrsp_5xx"},
      {"other", "hrsp_other"}};

  private StatsHtml() {}

  static String render(String csv, ProxyStats stats, boolean hideVersion, String uri) {
    String[] lines = csv.split("\n");
    String[] header = lines[0].substring(2).split(",", -1);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      index.put(header[i], i);
    }
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Statistics Report for HAKit")
        .append(hideVersion ? "" : " " + escape(InfoText.version()))
        .append("</title>\n<style>body{font-family:sans-serif;font-size:12px}table{border-collapse:collapse;"
            + "margin-bottom:1em}td,th{border:1px solid #999;padding:2px 4px;text-align:right}"
            + "th.px{text-align:left;background:#20a;color:#fff}td.n{text-align:left}"
            + ".UP,.no{background:#c0ffc0}.DOWN{background:#ff9090}.MAINT{background:#c07820}"
            + ".DRAIN{background:#20a0ff}</style></head><body>\n")
        .append("<h1>HAKit").append(hideVersion ? "" : " version " + escape(InfoText.version()))
        .append("</h1>\n<h2>Statistics Report for pid ").append(ProcessHandle.current().pid())
        .append("</h2>\n<p>uptime = ").append((System.currentTimeMillis() - stats.startMillis()) / 1000)
        .append("s; nbthread = ").append(stats.eventLoops()).append("; current conns = ")
        .append(stats.currentConnections()).append("; <a href=\"").append(escape(uri))
        .append(";csv\">CSV export</a></p>\n");
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        rows.add(lines[i].split(",", -1));
      }
    }
    String current = null;
    for (String[] row : rows) {
      String px = row[0];
      if (!px.equals(current)) {
        if (current != null) {
          out.append("</table>\n");
        }
        current = px;
        out.append("<table>\n<tr><th class=\"px\" colspan=\"").append(COLUMNS.length + 1).append("\">")
            .append(escape(px)).append("</th></tr>\n<tr><th></th>");
        for (String[] c : COLUMNS) {
          out.append("<th>").append(c[0]).append("</th>");
        }
        out.append("</tr>\n");
      }
      String status = row[index.get("status")];
      String klass = status.isEmpty() ? "" : status.split(" ")[0];
      out.append("<tr class=\"").append(escape(klass)).append("\"><td class=\"n\">").append(escape(row[1]))
          .append("</td>");
      for (String[] c : COLUMNS) {
        out.append("<td>").append(escape(row[index.get(c[1])])).append("</td>");
      }
      out.append("</tr>\n");
    }
    if (current != null) {
      out.append("</table>\n");
    }
    return out.append("</body></html>\n").toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
