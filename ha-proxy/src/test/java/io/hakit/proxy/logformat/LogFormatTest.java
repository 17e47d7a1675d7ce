package io.hakit.proxy.logformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.Origin;
import io.hakit.core.model.Capture;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The compiler and the variables, against what haproxy 2.6.12 printed for the same values (the
 * expected strings were taken from {@code haproxy -db} with {@code log stdout format raw}).
 */
class LogFormatTest {
  private static String log(String format, TestContext ctx) {
    return LogFormat.compile(format, Usage.LOG).format(ctx);
  }

  private static String header(String format, TestContext ctx) {
    return LogFormat.compile(format, Usage.HTTP_REQUEST).format(ctx);
  }

  private static TestContext withCaptures() {
    TestContext c = new TestContext().captures(List.of(
        new Capture(Capture.Kind.REQUEST_HEADER, "Host", 20, Origin.UNKNOWN),
        new Capture(Capture.Kind.REQUEST_HEADER, "User-Agent", 5, Origin.UNKNOWN),
        new Capture(Capture.Kind.RESPONSE_HEADER, "X-Resp", 30, Origin.UNKNOWN),
        new Capture(Capture.Kind.COOKIE, "SID", 20, Origin.UNKNOWN)));
    c.request = new TestContext.Head().request("GET", "/a/b?c=d").header("host", "127.0.0.1:23740")
        .header("user-agent", "curl/7.88.1").header("cookie", "SID=zz");
    c.response = new TestContext.Head().header("x-resp", "RespVal").header("set-cookie", "SID=abc; path=/");
    c.captured.captureRequest(c.request);
    c.captured.captureResponse(c.response);
    return c;
  }

  private static String localDate(long millis) {
    ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault());
    return String.format(Locale.ROOT, "%02d/%s/%04d:%02d:%02d:%02d.%03d", t.getDayOfMonth(),
        t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT), t.getYear(), t.getHour(),
        t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
  }

  @Test
  void format_httplog_matchesHaproxyLine() {
    TestContext c = withCaptures();
    c.addresses.put(LogContext.Peer.CLIENT, new java.net.InetSocketAddress("127.0.0.1", 51022));
    c.timers.put(LogContext.Timer.REQUEST, 0L);
    c.timers.put(LogContext.Timer.QUEUE, 0L);
    c.timers.put(LogContext.Timer.CONNECT, 0L);
    c.timers.put(LogContext.Timer.RESPONSE, 1L);
    c.timers.put(LogContext.Timer.ACTIVE, 1L);
    c.bytesOut = 305;
    c.counters.put(LogContext.Counter.ACTCONN, 1);
    c.counters.put(LogContext.Counter.FECONN, 1);
    assertThat(log(LogFormat.HTTPLOG, c)).isEqualTo("127.0.0.1:51022 [" + localDate(c.requestDate)
        + "] fe1 be1/s1 0/0/0/1/1 200 305 SID=zz SID=abc ---- 1/1/0/0/0 0/0 {127.0.0.1:23740|curl/} {RespVal}"
        + " \"GET /a/b?c=d HTTP/1.1\"");
  }

  @Test
  void format_httplogWithoutCaptures_dropsTheirSeparators() {
    TestContext c = new TestContext();
    assertThat(log(LogFormat.HTTPLOG, c)).endsWith(" 0/0/0/0/0 0/0 \"GET /p/q/r?x=1&y=2 HTTP/1.1\"")
        .contains(" - - --");
  }

  @Test
  void format_tcplog_matchesHaproxyLine() {
    TestContext c = new TestContext();
    c.request = null;
    c.timers.put(LogContext.Timer.QUEUE, 1L);
    c.timers.put(LogContext.Timer.CONNECT, 0L);
    c.timers.put(LogContext.Timer.TOTAL, 1L);
    c.bytesOut = 216;
    c.counters.put(LogContext.Counter.ACTCONN, 1);
    c.counters.put(LogContext.Counter.FECONN, 1);
    assertThat(log(LogFormat.TCPLOG, c)).isEqualTo("127.0.0.1:34610 [" + localDate(c.acceptDate)
        + "] fe1 be1/s1 1/0/1 216 -- 1/1/0/0/0 0/0");
  }

  @Test
  void format_variables_asHaproxyPrintsThem() {
    TestContext c = withCaptures();
    c.request = new TestContext.Head().request("GET", "/p/q/r?x=1&y=2").header("host", "Ex\"Am\\ple.c");
    c.captured.clear();
    c.captured.captureRequest(c.request);
    c.captured.captureResponse(c.response);
    assertThat(log("A  B %ci|%cp|%fi|%fp|%ft|%f|%b|%s|%si|%sp|%bi|%bp|%ST|%B|%U|%ts|%tsc", c)).isEqualTo(
        "A B 127.0.0.1|34610|127.0.0.1|23741|fe1|fe1|be1|s1|127.0.0.1|23737|127.0.0.1|40476|200|207|91|--|----");
    assertThat(log("%hr|%hrl|%hs|%hsl|%CC|%CS|%{+Q}hr", c)).isEqualTo(
        "{Ex#22Am\\ple.c|}|Ex#22Am\\ple.c -|{RespVal}|RespVal|-|SID=abc|\"{Ex#22Am\\ple.c|}\"");
    assertThat(log("%r|%HM|%HU|%HP|%HPO|%HQ|%HV", c)).isEqualTo(
        "GET /p/q/r?x=1&y=2 HTTP/1.1|GET|/p/q/r?x=1&y=2|/p/q/r|/p/q/r|?x=1&y=2|HTTP/1.1");
    assertThat(log("%{+Q}HM|%{+Q}ST|%{+X}ST|%{+Q}ci|%{+Q}b|%{+X}ci|%{+X}cp|%{+Q}B|%%|   |x", c)).isEqualTo(
        "\"GET\"|200|200|\"127.0.0.1\"|\"be1\"|7F000001|8732|207|%| |x");
    assertThat(log("%Th/%Ti/%TR/%Tw/%Tc/%Tr/%Ta/%Tt/%Tq", c)).isEqualTo("0/1/2/3/4/5/6/7/3");
    assertThat(log("%ID %{+Q}ID %sslv", c)).isEqualTo("- \"\" -");
  }

  @Test
  void format_uniqueIdAndCounters_withHexFlag() {
    TestContext c = new TestContext();
    c.uniqueId = "7F000001:9FA0_changed_0000:236B";
    c.addresses.put(LogContext.Peer.CLIENT, new java.net.InetSocketAddress("127.0.0.1", 0x9FA0));
    assertThat(log("%ID %[unique-id] %rt %{+X}rt", c)).isEqualTo("7F000001:9FA0_changed_0000:236B"
        + " 7F000001:9FA0_changed_0000:236B 7 0007");
    // The unique-id-format haproxy.cfg examples use, as haproxy 2.6.12 printed it for pid 0x236B.
    String id = LogFormat.compile("%{+X}o %ci:%cp_%rt:%Ts", Usage.HTTP_REQUEST).format(c);
    assertThat(id).isEqualTo("7F000001:9FA0_0007:" + Long.toHexString(c.acceptDate / 1000).toUpperCase(Locale.ROOT));
  }

  @Test
  void format_absoluteUri_pathVariables() {
    TestContext c = new TestContext();
    c.request = new TestContext.Head().request("GET", "http://h/x/y?z");
    assertThat(log("%HP|%HPO|%HQ|%HU", c)).isEqualTo("http://h/x/y|/x/y|?z|http://h/x/y?z");
  }

  @Test
  void format_noRequest_badreqAndAbsent() {
    TestContext c = withCaptures();
    c.request = null;
    c.captured.clear();
    assertThat(log("%r %HM %[capture.req.hdr(0)] %{+Q}[capture.req.hdr(1)] %hr %hrl %CC %{+Q}CC", c))
        .isEqualTo("<BADREQ> <BADREQ> - \"\" {|} - - - \"\"");
  }

  @Test
  void format_globalFlagsWithO_applyToFollowingVariables() {
    TestContext c = withCaptures();
    assertThat(log("%{+Q}o %ci %b %r %[capture.req.hdr(0)] %ac", c))
        .isEqualTo("\"127.0.0.1\" \"be1\" \"GET /a/b?c=d HTTP/1.1\" \"127.0.0.1:23740\" 0");
  }

  @Test
  void format_escapeFlag_backslashesQuotesAndBrackets() {
    TestContext c = new TestContext();
    c.request = new TestContext.Head().request("GET", "/").header("x", "a\"b\\c]d");
    assertThat(header("%{+E}[req.hdr(x)]", c)).isEqualTo("a\\\"b\\\\c\\]d");
  }

  @Test
  void header_valuesAtRequestTime_asHaproxySetHeader() {
    TestContext c = new TestContext();
    c.request = new TestContext.Head().request("GET", "/a/b?c=d").header("host", "127.0.0.1:23740")
        .header("x-multi", "a, b").header("x-multi", "c");
    c.status = -1;
    c.server = "<NOSRV>";
    c.bytesOut = 0;
    c.addresses.remove(LogContext.Peer.SERVER);
    c.backend = "fe1";
    assertThat(header("%ST|%s|%B|%r|%tsc|%si:%sp|%HU|%CC|%ID|%{+Q}[req.hdr(nothere)]", c)).isEqualTo(
        "-1|<NOSRV>|0|GET /a/b?c=d HTTP/1.1|----|:|/a/b?c=d|||");
    assertThat(header("%[req.hdr(x-multi,2)]|%[req.hdr(x-multi,-1)]|%[req.hdr(x-multi)]|%[hdr(x-multi)]"
        + "|%[req.hdr(x-multi,1)]|%[req.hdr(x-multi,4)]", c)).isEqualTo("b|c|c|c|a|");
    assertThat(header("%[req.ver]|%[url]|%[base]|%[query]|%[path]|%[method]|%ft %b", c))
        .isEqualTo("1.1|/a/b?c=d|127.0.0.1:23740/a/b|c=d|/a/b|GET|fe1 fe1");
    assertThat(header("%%%[src]", c)).isEqualTo("%127.0.0.1");
    assertThat(header("%[src,lower] %[query] end", c)).isEqualTo("127.0.0.1 c=d end");
  }

  @Test
  void compile_literalOnly_isConstant() {
    assertThat(LogFormat.compile("plain  text", Usage.HTTP_REQUEST).isConstant()).isTrue();
    assertThat(LogFormat.compile("plain  text", Usage.HTTP_REQUEST).format(new TestContext())).isEqualTo("plain text");
    assertThat(LogFormat.compile("100%% sure", Usage.HTTP_REQUEST).format(new TestContext())).isEqualTo("100% sure");
    assertThat(LogFormat.compile("%ci", Usage.HTTP_REQUEST).isConstant()).isFalse();
  }

  @Test
  void compile_syntaxErrors_haproxyMessages() {
    assertThatThrownBy(() -> LogFormat.compile("%zz", Usage.LOG)).isInstanceOf(FormatException.class)
        .hasMessageStartingWith("no such format variable 'zz'. If you wanted to emit the '%' character verbatim, you need to"
            + " use '%%'.");
    assertThatThrownBy(() -> LogFormat.compile("%Tx", Usage.LOG)).hasMessageContaining("Did you mean 'T");
    assertThatThrownBy(() -> LogFormat.compile("%", Usage.LOG)).hasMessage("truncated line after '%'.");
    assertThatThrownBy(() -> LogFormat.compile("%[src", Usage.LOG)).hasMessage("missing ']' after 'src'.");
    assertThatThrownBy(() -> LogFormat.compile("%{+Q}", Usage.LOG))
        .hasMessage("parse argument modifier without variable name near '%{+Q}'.");
    assertThatThrownBy(() -> LogFormat.compile("%H", Usage.LOG)).hasMessageContaining("not supported by this runtime");
  }
}
