package io.hakit.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.HaException;
import io.hakit.core.Origin;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.LogSettings;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Mode;
import io.hakit.core.model.Setting;
import io.hakit.proxy.syslog.LogOutputs;
import io.hakit.proxy.syslog.LogTargets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a frontend's lines go and which: its syslog targets or else slf4j, at "err" under option
 * log-separate-errors, none of the normal ones under option dontlog-normal, early and with '+'
 * under option logasap; and format errors at the line of the statement, in HAProxy's words.
 */
class AccessLogTest {
  private DatagramChannel syslog;
  private LogOutputs outputs;

  @BeforeEach
  void openSyslog() throws IOException {
    syslog = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    syslog.configureBlocking(true);
    syslog.socket().setSoTimeout(200);
    outputs = LogOutputs.open(GlobalSettings.builder().build());
  }

  @AfterEach
  void closeSyslog() throws IOException {
    outputs.close();
    syslog.close();
  }

  private LogTarget udpTarget() throws IOException {
    int port = ((InetSocketAddress) syslog.getLocalAddress()).getPort();
    return new LogTarget("127.0.0.1:" + port, List.of("format", "priority", "local0"), Origin.of("h.cfg", 3));
  }

  private AccessLog log(Mode mode, String format, boolean withTarget, String... options) throws IOException {
    List<LogTarget> targets = withTarget ? List.of(udpTarget()) : List.of();
    Frontend.Builder b = Frontend.builder("fe").mode(mode)
        .log(new LogSettings(targets, LogStyle.CUSTOM, format, false, false, Origin.of("h.cfg", 5)));
    for (String o : options) {
      b.option(o, true);
    }
    Frontend f = b.build();
    return new AccessLog(f, () -> 1, () -> 1, outputs.targetsFor(f.log().targets()));
  }

  /** The datagrams that arrived, waiting up to 5 s for {@code expected} of them and 200 ms for any more. */
  private List<String> received(int expected) throws IOException {
    List<String> lines = new ArrayList<>();
    long deadline = System.nanoTime() + 5_000_000_000L;
    for (int i = 0; i < 50; i++) {
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      try {
        syslog.socket().receive(packet);
      } catch (SocketTimeoutException e) {
        if (lines.size() >= expected || System.nanoTime() > deadline) {
          break;
        }
        continue;
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      lines.add(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }
    return lines;
  }

  private static void line(SessionRecord r, int status, String termination, int retries) {
    r.status = status;
    r.log(termination, retries);
  }

  @Test
  void write_logSeparateErrors_errLevelForHaproxysErrorCases() throws IOException {
    AccessLog log = log(Mode.HTTP, "%ts %ST %rc", true, "log-separate-errors");
    SessionRecord r = new SessionRecord(log);
    line(r, 200, "--", 0);
    line(r, 302, "LR", 0);
    line(r, 403, "PR", 0);
    line(r, 503, "SC", 0);
    line(r, 200, "--", 1);
    line(r, 500, "--", 0);
    line(r, 200, "CD", 0);
    // local0 = 16: info is <134>, err is <131>.
    assertThat(received(7)).containsExactly("<134>-- 200 0", "<134>LR 302 0", "<131>PR 403 0", "<131>SC 503 0",
        "<131>-- 200 1", "<131>-- 500 0", "<131>CD 200 0");
  }

  @Test
  void write_withoutLogSeparateErrors_errorsStayAtInfo() throws IOException {
    AccessLog log = log(Mode.HTTP, "%ts %ST", true);
    SessionRecord r = new SessionRecord(log);
    line(r, 503, "SC", 0);
    assertThat(received(1)).containsExactly("<134>SC 503");
  }

  @Test
  void write_tcpFrontend_statusDoesNotMakeAnError() throws IOException {
    AccessLog log = log(Mode.TCP, "%ts", true, "log-separate-errors");
    SessionRecord r = new SessionRecord(log);
    line(r, 503, "--", 0);
    line(r, 0, "sD", 0);
    assertThat(received(2)).containsExactly("<134>--", "<131>sD");
  }

  @Test
  void write_dontlogNormal_onlyErrorLinesWhichAloneCountInLc() throws IOException {
    AccessLog log = log(Mode.HTTP, "%ts %ST %lc", true, "dontlog-normal");
    SessionRecord r = new SessionRecord(log);
    line(r, 200, "--", 0);
    line(r, 404, "--", 0);
    line(r, 302, "LR", 0);
    line(r, 502, "SH", 0);
    line(r, 200, "--", 0);
    line(r, 504, "sH", 0);
    assertThat(received(2)).containsExactly("<134>SH 502 0", "<134>sH 504 1");
  }

  @Test
  void logEarly_logasap_oneLineWithPlusMarkedFieldsThenNoneAtTheEnd() throws IOException {
    AccessLog log = log(Mode.HTTP, "%ts %ST %B %U %{+Q}[fe_name]", true, "logasap");
    SessionRecord r = new SessionRecord(log);
    r.status = 200;
    r.bytesFromClient = 40;
    r.logEarly(61, 0);
    r.bytesToClient = 5000;
    r.log("CD", 0);
    // The next transaction on the connection gets its own early line.
    r.status = 204;
    r.logEarly(30, 0);
    r.log("--", 0);
    // %U is 0 in an early line: HAProxy has not counted the request by then.
    assertThat(received(2)).containsExactly("<134>-- 200 +61 0 \"fe\"", "<134>-- 204 +30 0 \"fe\"");
  }

  @Test
  void write_logasap_timersMarkedWithPlus() throws IOException {
    AccessLog log = log(Mode.HTTP, "%Ta|%Tt|%Tu|%Tr|%B", true, "logasap");
    SessionRecord r = new SessionRecord(log);
    line(r, 200, "--", 0);
    assertThat(received(1)).singleElement().asString().matches("<134>\\+\\d+\\|\\+\\d+\\|\\+\\d+\\|-1\\|\\+\\d+");
  }

  @Test
  void write_frontendWithTargets_linesGoThereAndNotToSlf4j() throws IOException {
    String marker = "m" + UUID.randomUUID();
    String onSlf4j = captureStderr(err -> {
      try {
        AccessLog log = log(Mode.HTTP, marker + " %ST", true);
        line(new SessionRecord(log), 200, "--", 0);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(received(1)).containsExactly("<134>" + marker + " 200");
    assertThat(onSlf4j).doesNotContain(marker);
  }

  @Test
  void write_frontendWithoutTargets_linesGoToSlf4jAccessLogger() throws IOException {
    String marker = "m" + UUID.randomUUID();
    String onSlf4j = captureStderr(err -> {
      try {
        AccessLog log = log(Mode.HTTP, marker + " %ST", false, "log-separate-errors");
        assertThat(log.enabled()).isTrue();
        line(new SessionRecord(log), 200, "--", 0);
        line(new SessionRecord(log), 503, "SC", 0);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(onSlf4j).contains("INFO io.hakit.access - " + marker + " 200")
        .contains("ERROR io.hakit.access - " + marker + " 503");
    assertThat(received(0)).isEmpty();
  }

  /** Runs {@code body} with System.err (where slf4j-simple writes) copied into the returned text. */
  private static String captureStderr(Consumer<PrintStream> body) {
    PrintStream original = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(copy, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    try {
      body.accept(capture);
    } finally {
      System.setErr(original);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }

  @Test
  void new_badLogFormat_namesTheStatementLineAsHaproxy() {
    Frontend f = Frontend.builder("fe").origin(Origin.of("h.cfg", 2))
        .log(new LogSettings(List.of(), LogStyle.CUSTOM, "%ci %H", false, false, Origin.of("h.cfg", 9))).build();
    assertThatThrownBy(() -> new AccessLog(f)).isInstanceOf(HaException.class)
        .hasMessage("Parsing [h.cfg:9]: failed to parse log-format : format variable 'H' is not supported by this"
            + " runtime.");
  }

  @Test
  void new_badLogFormatBuiltInCode_namesTheFrontend() {
    Frontend f = Frontend.builder("fe")
        .log(new LogSettings(List.of(), LogStyle.CUSTOM, "%H", false, false)).build();
    assertThatThrownBy(() -> new AccessLog(f)).isInstanceOf(HaException.class)
        .hasMessageStartingWith("frontend 'fe': failed to parse log-format : format variable 'H'");
  }

  @Test
  void new_badUniqueIdFormat_namesItsLineAsHaproxy() {
    Frontend f = Frontend.builder("fe")
        .extra(new Setting("unique-id-format", List.of("%ci_%H"), Origin.of("h.cfg", 11))).build();
    assertThatThrownBy(() -> new AccessLog(f)).isInstanceOf(HaException.class)
        .hasMessage("Parsing [h.cfg:11]: failed to parse unique-id : format variable 'H' is not supported by this"
            + " runtime.");
  }

  @Test
  void new_badLogFormatReadFromDefaults_namesTheDefaultsLine() {
    String cfg = String.join("\n",
        "defaults",
        "    mode http",
        "    log-format \"%ci %H\"",
        "    timeout client 1s",
        "frontend fe",
        "    bind 127.0.0.1:1",
        "    log global",
        "");
    Frontend f = new HaproxyConfigReader().read("h.cfg", cfg).model().frontends().get(0);
    assertThat(f.log().formatOrigin()).isEqualTo(Origin.of("h.cfg", 3));
    assertThatThrownBy(() -> new AccessLog(f)).isInstanceOf(HaException.class)
        .hasMessageStartingWith("Parsing [h.cfg:3]: failed to parse log-format : ");
  }
}
