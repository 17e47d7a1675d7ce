package io.hakit.proxy.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.HaException;
import io.hakit.core.Origin;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Setting;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTargetsTest {
  private static final Origin AT = Origin.of("h.cfg", 7);
  private static final Instant NOW = Instant.parse("2026-11-05T12:18:06.202425Z");

  private static LogTarget target(String address, String... args) {
    return new LogTarget(address, Arrays.asList(args), AT);
  }

  private static String header(HeaderFormat f, int facility, Severity s, String host) {
    StringBuilder sb = new StringBuilder();
    f.append(sb, facility, s, NOW, ZoneOffset.UTC, host, "haproxy", 19648);
    return sb.toString();
  }

  @Test
  void append_eachFormat_matchesWhatHaproxy26Sends() {
    // Shapes captured from haproxy 2.6.12 (local2 = 18, info = 6; local0 = 16).
    assertThat(header(HeaderFormat.RFC3164, 18, Severity.INFO, null)).isEqualTo("<150>Nov  5 12:18:06 haproxy[19648]: ");
    assertThat(header(HeaderFormat.RFC3164, 18, Severity.INFO, "myhost"))
        .isEqualTo("<150>Nov  5 12:18:06 myhost haproxy[19648]: ");
    assertThat(header(HeaderFormat.LOCAL, 18, Severity.INFO, "myhost")).isEqualTo("<150>Nov  5 12:18:06 haproxy[19648]: ");
    assertThat(header(HeaderFormat.RFC5424, 16, Severity.INFO, null))
        .isEqualTo("<134>1 2026-11-05T12:18:06.202425+00:00 - haproxy 19648 - - ");
    assertThat(header(HeaderFormat.SHORT, 16, Severity.INFO, null)).isEqualTo("<6>");
    assertThat(header(HeaderFormat.PRIORITY, 16, Severity.NOTICE, null)).isEqualTo("<133>");
    assertThat(header(HeaderFormat.TIMED, 16, Severity.INFO, null)).isEqualTo("<6>2026-11-05T12:18:06.202425+00:00 ");
    assertThat(header(HeaderFormat.ISO, 16, Severity.INFO, null)).isEqualTo("2026-11-05T12:18:06.202425+00:00 ");
    assertThat(header(HeaderFormat.RAW, 16, Severity.INFO, null)).isEmpty();
  }

  @Test
  void of_fullLine_decodesEveryPart() {
    TargetSpec spec = TargetSpec.of(target("udp@127.0.0.2:1514", "len", "200", "format", "rfc5424", "local3",
        "notice", "err"));
    assertThat(spec.kind()).isEqualTo(TargetSpec.Kind.UDP);
    assertThat(spec.address()).isEqualTo("127.0.0.2:1514");
    assertThat(spec.maxLength()).isEqualTo(200);
    assertThat(spec.format()).isEqualTo(HeaderFormat.RFC5424);
    assertThat(spec.facility()).isEqualTo(19);
    assertThat(spec.accepts(Severity.INFO)).isFalse();
    assertThat(spec.accepts(Severity.NOTICE)).isTrue();
    assertThat(spec.accepts(Severity.ERR)).isTrue();
    assertThat(spec.accepts(Severity.ALERT)).isFalse();
  }

  @Test
  void of_defaults_port514Rfc3164AllLevels() {
    TargetSpec spec = TargetSpec.of(target("127.0.0.1", "local2"));
    assertThat(spec.address()).isEqualTo("127.0.0.1:514");
    assertThat(spec.format()).isEqualTo(HeaderFormat.RFC3164);
    assertThat(spec.maxLength()).isEqualTo(1024);
    assertThat(spec.accepts(Severity.DEBUG)).isTrue();
    assertThat(spec.accepts(Severity.EMERG)).isTrue();
    assertThat(TargetSpec.of(target("/dev/log", "local0")).kind()).isEqualTo(TargetSpec.Kind.UNIX);
    assertThat(TargetSpec.of(target("stdout", "format", "raw", "daemon")).kind()).isEqualTo(TargetSpec.Kind.STDOUT);
  }

  @Test
  void of_badLine_namesFileLineAndProblem() {
    assertThatThrownBy(() -> TargetSpec.of(target("127.0.0.1", "local9")))
        .isInstanceOf(HaException.class).hasMessageContaining("h.cfg:7").hasMessageContaining("unknown facility 'local9'");
    assertThatThrownBy(() -> TargetSpec.of(target("127.0.0.1", "len", "79", "local0")))
        .isInstanceOf(HaException.class).hasMessageContaining("len '79'");
    assertThatThrownBy(() -> TargetSpec.of(target("127.0.0.1", "format", "xml", "local0")))
        .isInstanceOf(HaException.class).hasMessageContaining("unknown log format 'xml'");
    assertThatThrownBy(() -> TargetSpec.of(target("ring@buf", "local0")))
        .isInstanceOf(HaException.class).hasMessageContaining("not supported");
  }

  @Test
  void send_udpTargets_deliverFilteredAndTruncatedLines() throws IOException {
    try (DatagramChannel syslog = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
      syslog.configureBlocking(true);
      syslog.socket().setSoTimeout(5000);
      int port = ((InetSocketAddress) syslog.getLocalAddress()).getPort();
      GlobalSettings global = GlobalSettings.builder()
          .log(target("127.0.0.1:" + port, "len", "80", "format", "raw", "local2", "info"))
          .log(target("127.0.0.1:" + port, "format", "short", "local0", "notice"))
          .other(new Setting("log-tag", List.of("x"), AT))
          .build();
      try (LogOutputs outputs = LogOutputs.open(global)) {
        LogTargets targets = outputs.targetsFor(List.of(new LogTarget("global", List.of(), AT)));
        String longMessage = "m".repeat(100) + "é";
        targets.send(Severity.INFO, longMessage);
        targets.send(Severity.ALERT, "down");
        assertThat(receive(syslog)).isEqualTo("m".repeat(80) + "\n");
        assertThat(receive(syslog)).isEqualTo("down\n");
        assertThat(receive(syslog)).isEqualTo("<1>down\n");
      }
    }
  }

  @Test
  void send_noListener_dropsAndCountsWithoutThrowing() throws IOException {
    int port;
    try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
      port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
    GlobalSettings global = GlobalSettings.builder().log(target("127.0.0.1:" + port, "local2")).build();
    try (LogOutputs outputs = LogOutputs.open(global)) {
      LogTargets targets = outputs.targetsFor(List.of(new LogTarget("global", List.of(), AT)));
      // The first send provokes the ICMP error, a later one reports it: at most one line gets through.
      for (int i = 0; i < 20; i++) {
        targets.send(Severity.INFO, "line " + i);
      }
      assertThat(outputs.droppedLines()).isPositive();
    }
  }

  private static String receive(DatagramChannel ch) throws IOException {
    byte[] data = new byte[2048];
    DatagramPacket packet = new DatagramPacket(data, data.length);
    ch.socket().receive(packet);
    return new String(data, 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
