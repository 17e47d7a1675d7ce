package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.FreePorts;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runtime API commands and show stat columns added for haproxy 2.6 parity, on a running
 * proxy without haproxy itself (StatsDifferentialIT compares them with haproxy): rates, times and
 * bytes, the typed and JSON forms, show errors, set server addr, show sess.
 */
@ExtendWith(LeakGuard.class)
@Timeout(60)
class StatsCommandsTest {
  private static Path dir;
  private static TestOrigin app1;
  private static TestOrigin app2;
  private static ProxyFixture proxy;
  private static int tcpPort;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("/tmp"), "hkc");
    app1 = TestOrigin.start("app1");
    app2 = TestOrigin.start("app2");
    int port = FreePorts.next();
    tcpPort = FreePorts.next();
    String cfg = String.join("\n",
        "global",
        "    stats socket " + dir.resolve("admin") + " level admin",
        "defaults",
        "    mode http",
        "    timeout connect 2s",
        "    timeout client 10s",
        "    timeout server 10s",
        "frontend main",
        "    bind 127.0.0.1:" + port,
        "    default_backend app",
        "backend app",
        "    balance roundrobin",
        "    server app1 127.0.0.1:" + app1.port(),
        "    server app2 127.0.0.1:" + app2.port(),
        // Nothing listens there: DOWN at its first check, until set server addr moves it.
        "backend chk",
        "    server c1 127.0.0.1:" + FreePorts.next() + " check inter 100",
        "listen tcpx",
        "    mode tcp",
        "    bind 127.0.0.1:" + tcpPort,
        "    server t1 127.0.0.1:" + app1.port(),
        "");
    ProxyModel model = new HaproxyConfigReader().read("haproxy.cfg", cfg).model();
    proxy = new ProxyFixture(model, port, io.hakit.proxy.transport.TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {proxy, app1, app2}) {
      if (c != null) {
        c.close();
      }
    }
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("admin"));
      Files.deleteIfExists(dir);
    }
  }

  private static String cli(String command) throws Exception {
    return CliClient.exchange(dir.resolve("admin"), command + "\n");
  }

  private static String get(String path) throws Exception {
    return RawClient.exchange(proxy.port, "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 3000);
  }

  private static long num(String csv, String px, String sv, String column) {
    return Long.parseLong(StatsSocketTest.column(csv, px, sv, column));
  }

  @Test
  void showStat_afterRequests_ratesTimesAndBytesFilled() throws Exception {
    String before = cli("show stat");
    for (int i = 0; i < 4; i++) {
      assertThat(get("/r" + i)).startsWith("HTTP/1.1 200");
    }
    String csv = cli("show stat");
    for (String sv : new String[] {"app1", "app2", "BACKEND"}) {
      assertThat(num(csv, "app", sv, "bin")).as(sv).isGreaterThan(num(before, "app", sv, "bin"));
      assertThat(num(csv, "app", sv, "rate_max")).as(sv).isBetween(1L, 4L);
      assertThat(num(csv, "app", sv, "ttime")).as(sv).isGreaterThanOrEqualTo(num(csv, "app", sv, "rtime"));
      assertThat(num(csv, "app", sv, "ttime_max")).as(sv).isGreaterThanOrEqualTo(num(csv, "app", sv, "ttime"));
    }
    assertThat(num(csv, "main", "FRONTEND", "req_rate_max")).isBetween(1L, 4L + num(before, "main", "FRONTEND", "req_tot"));
    assertThat(num(csv, "main", "FRONTEND", "conn_rate_max")).isGreaterThanOrEqualTo(1);
    String info = cli("show info");
    Matcher max = Pattern.compile("\nMaxSessRate: (\\d+)\n").matcher(info);
    assertThat(max.find()).as(info).isTrue();
    assertThat(Long.parseLong(max.group(1))).isGreaterThanOrEqualTo(num(csv, "main", "FRONTEND", "rate_max"));
    assertThat(info).containsPattern("\nConnRate: \\d+\nConnRateLimit: 0\nMaxConnRate: \\d+\nSessRate: \\d+\n");
    // A TCP session's bytes are counted both ways when it ends.
    String tcpBefore = cli("show stat");
    String raw = "GET /t HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    assertThat(RawClient.exchange(tcpPort, raw, 3000)).startsWith("HTTP/1.1 200");
    Await.until("the TCP session counted", Duration.ofSeconds(5), () -> {
      try {
        String now = cli("show stat");
        return num(now, "tcpx", "t1", "bout") > num(tcpBefore, "tcpx", "t1", "bout")
            && num(now, "tcpx", "FRONTEND", "bin") == num(tcpBefore, "tcpx", "FRONTEND", "bin") + raw.length();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(StatsSocketTest.column(cli("show stat"), "tcpx", "t1", "hrsp_2xx")).as("no HTTP columns in TCP").isEmpty();
  }

  @Test
  void clearCounters_maxThenAll_resetsRateAndTimeMaxima() throws Exception {
    assertThat(get("/c")).startsWith("HTTP/1.1 200");
    String csv = cli("show stat");
    assertThat(num(csv, "app", "BACKEND", "rate_max")).isGreaterThanOrEqualTo(1);
    assertThat(cli("clear counters")).isEqualTo("\n");
    csv = cli("show stat");
    for (String column : new String[] {"rate_max", "qtime_max", "ctime_max", "rtime_max", "ttime_max"}) {
      assertThat(num(csv, "app", "BACKEND", column)).as(column).isZero();
    }
    assertThat(num(csv, "app", "BACKEND", "stot")).as("counts stay").isGreaterThanOrEqualTo(1);
    assertThat(cli("clear counters all")).isEqualTo("\n");
    csv = cli("show stat");
    for (String column : new String[] {"stot", "bin", "bout", "rate", "ttime", "rtime"}) {
      assertThat(num(csv, "app", "BACKEND", column)).as(column).isZero();
    }
  }

  @Test
  void showStatTypedAndJson_oneEntryPerCsvField() throws Exception {
    String csv = cli("show stat -1 4 -1");
    long fields = csv.lines().skip(1).filter(l -> !l.isEmpty())
        .mapToLong(l -> Arrays.stream(l.split(",", -1)).filter(v -> !v.isEmpty() && !v.equals("-")).count()).sum();
    String typed = cli("show stat -1 4 -1 typed");
    assertThat(typed.lines().filter(l -> !l.isEmpty()))
        .allMatch(l -> l.matches("S\\.\\d+\\.\\d+\\.\\d+\\.[a-z0-9_]+\\.1:[MSKCP][AaCDGLMmNORT][CPSs]:(str|u32|u64|s32):.*"));
    // A server may carry a field set to an empty text (last_chk), shown in the typed form only.
    assertThat(typed.lines().filter(l -> !l.isEmpty()).count()).isGreaterThanOrEqualTo(fields);
    assertThat(typed).contains("S.3.1.4.scur.1:MGP:u32:0\n", "S.3.2.1.svname.1:KNS:str:app2\n");
    String json = cli("show stat -1 4 -1 json");
    assertThat(json).startsWith("[[{\"objType\":\"Server\",\"proxyId\":3,\"id\":1,\"field\":{\"pos\":0,\"name\":\"pxname\"}")
        .endsWith("}]]\n\n");
    Matcher m = Pattern.compile("\\{\"objType\":").matcher(json);
    long objects = 0;
    while (m.find()) {
      objects++;
    }
    assertThat(objects).isEqualTo(typed.lines().filter(l -> !l.isEmpty()).count());
  }

  @Test
  void showErrors_malformedRequest_capturedWithPositionAndBytes() throws Exception {
    assertThat(RawClient.exchange(proxy.port, "GET /bad path HTTP/1.1\r\nHost: t\r\n\r\n", 3000)).startsWith("HTTP/1.1 400");
    String out = cli("show errors main");
    assertThat(out).startsWith("Total events captured on [").contains("] frontend main (#2): invalid request\n",
        ", src 127.0.0.1:", "len 35, wraps at 16336, error at position 9\n",
        "  00000  GET /bad path HTTP/1.1\\r\\n\n  00024  Host: t\\r\\n\n  00033  \\r\\n\n");
    assertThat(cli("show errors tcpx")).doesNotContain("invalid request");
    assertThat(cli("show errors nope")).isEqualTo("No such proxy.\n\n");
  }

  @Test
  void setServerAddr_toAnotherOrigin_trafficFollows() throws Exception {
    try {
      assertThat(cli("set server app/app1 addr 127.0.0.1 port " + app2.port())).isEqualTo(
          "no need to change the addr, port changed from '" + app1.port() + "' to '" + app2.port()
              + "' by 'stats socket command'\n\n");
      assertThat(StatsSocketTest.column(cli("show stat"), "app", "app1", "addr")).isEqualTo("127.0.0.1:" + app2.port());
      app1.clear();
      app2.clear();
      for (int i = 0; i < 4; i++) {
        assertThat(get("/moved")).startsWith("HTTP/1.1 200");
      }
      assertThat(app1.receivedCount()).isZero();
      assertThat(app2.receivedCount()).isEqualTo(4);
      assertThat(cli("set server app/app1 addr example.com")).isEqualTo("Invalid addr 'example.com' by 'stats socket command'\n\n");
    } finally {
      cli("set server app/app1 addr 127.0.0.1 port " + app1.port());
    }
  }

  @Test
  void setServerAddr_checkedServer_healthChecksFollowTheNewAddress() throws Exception {
    Await.until("chk/c1 DOWN", Duration.ofSeconds(5),
        () -> status("chk", "c1").equals("DOWN"));
    cli("set server chk/c1 addr 127.0.0.1 port " + app1.port());
    Await.until("chk/c1 UP after its address moved to a live origin", Duration.ofSeconds(5),
        () -> status("chk", "c1").equals("UP"));
  }

  private static String status(String px, String sv) {
    try {
      return StatsSocketTest.column(cli("show stat"), px, sv, "status");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void showSess_openTcpConnection_listedUntilClosed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tcpPort)) {
      Await.until("the TCP stream listed", Duration.ofSeconds(5), () -> {
        try {
          return cli("show sess").lines().anyMatch(l -> l.matches(
              "0x[0-9a-f]+: proto=tcpv4 src=127\\.0\\.0\\.1:" + s.getLocalPort() + " fe=tcpx be=tcpx srv=t1 ts=00 age=\\d+s"));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      assertThat(cli("show sess")).contains("proto=unix_stream src=unix:1 fe=GLOBAL be=<NONE> srv=<none>");
    }
    Await.until("the TCP stream gone", Duration.ofSeconds(5), () -> {
      try {
        return !cli("show sess").contains("fe=tcpx");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(cli("show sess 0xffffffff")).isEqualTo("Session not found.\n\n");
  }
}
