package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.FreePorts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stats socket and page of a running proxy, through real Unix sockets and HTTP: the CSV, the
 * server commands and their effect on traffic, the access levels, prompt mode, bind failures.
 */
@ExtendWith(LeakGuard.class)
@Timeout(60)
class StatsSocketTest {
  private static Path dir;
  private static TestOrigin app1;
  private static TestOrigin app2;
  private static ProxyFixture proxy;
  private static Path admin;
  private static Path user;
  private static Path operator;

  static String config(Path dir, int port, int statsPort, int app1Port, int app2Port) {
    return String.join("\n",
        "global",
        "    maxconn 4000",
        "    stats socket " + dir.resolve("admin") + " mode 600 level admin",
        "    stats socket " + dir.resolve("user") + " level user",
        "    stats socket " + dir.resolve("oper"),
        "defaults",
        "    mode http",
        "    option http-server-close",
        "    timeout connect 2s",
        "    timeout client 10s",
        "    timeout server 10s",
        "frontend main",
        "    bind 127.0.0.1:" + port,
        "    maxconn 3000",
        "    default_backend app",
        "backend app",
        "    balance roundrobin",
        "    server app1 127.0.0.1:" + app1Port,
        "    server app2 127.0.0.1:" + app2Port,
        "listen st",
        "    bind 127.0.0.1:" + statsPort,
        "    stats enable",
        "    stats uri /stats",
        "    stats auth ops:secret",
        "    stats refresh 5s",
        "");
  }

  private static int statsPort;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("/tmp"), "hks");
    app1 = TestOrigin.start("app1");
    app2 = TestOrigin.start("app2");
    int port = FreePorts.next();
    statsPort = FreePorts.next();
    ProxyModel model = new HaproxyConfigReader().read("haproxy.cfg",
        config(dir, port, statsPort, app1.port(), app2.port())).model();
    proxy = new ProxyFixture(model, port, io.hakit.proxy.transport.TransportKind.AUTO);
    admin = dir.resolve("admin");
    user = dir.resolve("user");
    operator = dir.resolve("oper");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {proxy, app1, app2}) {
      if (c != null) {
        c.close();
      }
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        assertThat(files.toList()).as("sockets removed at stop").isEmpty();
      }
      Files.deleteIfExists(dir);
    }
  }

  @BeforeEach
  void ready() throws Exception {
    CliClient.exchange(admin, "set server app/app1 state ready; set server app/app2 state ready; "
        + "set weight app/app1 1; set weight app/app2 1\n");
  }

  private static List<String> origins(int requests) throws Exception {
    app1.clear();
    app2.clear();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      HttpResponse<String> r = proxy.get("/r" + i);
      assertThat(r.statusCode()).isEqualTo(200);
      out.add(app1.poll(0) != null ? "app1" : app2.poll(2000) != null ? "app2" : "none");
    }
    return out;
  }

  @Test
  void socket_modeAndTakeover_asConfigured() throws Exception {
    assertThat(Files.getPosixFilePermissions(admin)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(CliClient.exchange(operator, "show cli level\n")).isEqualTo("operator\n\n");
  }

  @Test
  void showStat_everyRow_hasHaproxy26Columns() throws Exception {
    origins(2);
    String csv = CliClient.exchange(admin, "show stat\n");
    String[] lines = csv.split("\n");
    assertThat(lines[0]).startsWith("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,")
        .endsWith(",h1_spliced_bytes_in,h1_spliced_bytes_out,");
    int columns = lines[0].split(",", -1).length;
    List<String> names = new ArrayList<>();
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      String[] v = lines[i].split(",", -1);
      assertThat(v).as(lines[i]).hasSize(columns);
      names.add(v[0] + "/" + v[1]);
    }
    assertThat(names).containsExactly("main/FRONTEND", "app/app1", "app/app2", "app/BACKEND", "st/FRONTEND",
        "st/BACKEND");
    assertThat(csv).endsWith(",\n\n");
  }

  @Test
  void showStat_afterTraffic_countsRequestsAndStatuses() throws Exception {
    String before = CliClient.exchange(admin, "show stat -1 1 -1\n");
    long reqBefore = Long.parseLong(column(before, "main", "FRONTEND", "req_tot"));
    origins(4);
    String after = CliClient.exchange(admin, "show stat\n");
    assertThat(Long.parseLong(column(after, "main", "FRONTEND", "req_tot"))).isEqualTo(reqBefore + 4);
    assertThat(Long.parseLong(column(after, "app", "BACKEND", "hrsp_2xx"))).isGreaterThanOrEqualTo(4);
    assertThat(column(after, "app", "app1", "status")).isEqualTo("no check");
    assertThat(column(after, "app", "app1", "addr")).isEqualTo("127.0.0.1:" + app1.port());
    assertThat(column(after, "app", "BACKEND", "algo")).isEqualTo("roundrobin");
    assertThat(column(after, "main", "FRONTEND", "slim")).isEqualTo("3000");
  }

  @Test
  void disableServer_traffic_avoidsItUntilEnabled() throws Exception {
    assertThat(CliClient.exchange(admin, "disable server app/app1\n")).isEqualTo("\n");
    assertThat(origins(4)).containsOnly("app2");
    String csv = CliClient.exchange(admin, "show stat\n");
    assertThat(column(csv, "app", "app1", "status")).isEqualTo("MAINT");
    assertThat(CliClient.exchange(admin, "show servers state app\n")).contains("\n3 app 1 app1 127.0.0.1 0 1 1 1 ");
    assertThat(CliClient.exchange(admin, "enable server app/app1\n")).isEqualTo("\n");
    assertThat(origins(4)).contains("app1", "app2");
  }

  @Test
  void setServerState_drain_takesNoNewTraffic() throws Exception {
    CliClient.exchange(admin, "set server app/app2 state drain\n");
    assertThat(origins(3)).containsOnly("app1");
    assertThat(column(CliClient.exchange(admin, "show stat\n"), "app", "app2", "status")).isEqualTo("DRAIN");
  }

  @Test
  void setWeight_zeroAndPercent_steerTraffic() throws Exception {
    assertThat(CliClient.exchange(admin, "set server app/app1 weight 0\n")).isEqualTo("\n");
    assertThat(CliClient.exchange(admin, "get weight app/app1\n")).isEqualTo("0 (initial 1)\n\n");
    assertThat(origins(3)).containsOnly("app2");
    assertThat(CliClient.exchange(admin, "set weight app/app1 100%; get weight app/app1\n"))
        .isEqualTo("\n1 (initial 1)\n\n");
    assertThat(CliClient.exchange(admin, "set weight app/app1 300\n"))
        .isEqualTo("Absolute weight can only be between 0 and 256 inclusive.\n\n");
  }

  @Test
  void errors_haproxyWording() throws Exception {
    assertThat(CliClient.exchange(admin, "get weight app\n")).isEqualTo("Require 'backend/server'.\n\n");
    assertThat(CliClient.exchange(admin, "get weight nope/app1\n")).isEqualTo("No such backend.\n\n");
    assertThat(CliClient.exchange(admin, "disable server app/nope\n")).isEqualTo("No such server.\n\n");
    assertThat(CliClient.exchange(admin, "set server app/app1 state bogus\n"))
        .isEqualTo("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n");
    assertThat(CliClient.exchange(admin, "show servers state nope\n")).isEqualTo("Can't find backend.\n\n");
    assertThat(CliClient.exchange(admin, "bogus\n")).startsWith("Unknown command, but maybe");
  }

  @Test
  void levels_userReadsOnly_operatorCannotChangeServers() throws Exception {
    assertThat(CliClient.exchange(user, "disable server app/app1\n")).isEqualTo("Permission denied\n\n");
    assertThat(CliClient.exchange(user, "set server app/app1 state maint\n")).isEqualTo("Permission denied\n\n");
    assertThat(CliClient.exchange(operator, "set weight app/app1 5\n")).isEqualTo("Permission denied\n\n");
    assertThat(CliClient.exchange(user, "get weight app/app1\n")).isEqualTo("1 (initial 1)\n\n");
    String csv = CliClient.exchange(user, "show stat\n");
    assertThat(column(csv, "app", "app1", "addr")).isEmpty();
    assertThat(column(csv, "app", "BACKEND", "algo")).isEmpty();
    assertThat(CliClient.exchange(admin, "user; disable server app/app1\n")).isEqualTo("\nPermission denied\n\n");
    assertThat(column(CliClient.exchange(admin, "show stat\n"), "app", "app1", "status")).isEqualTo("no check");
    assertThat(CliClient.exchange(user, "operator; show cli level\n")).isEqualTo("Permission denied\n\nuser\n\n");
  }

  @Test
  void clearCounters_operatorMaxima_adminAll() throws Exception {
    origins(2);
    assertThat(CliClient.exchange(user, "clear counters\n")).isEqualTo("Permission denied\n\n");
    assertThat(CliClient.exchange(operator, "clear counters all\n")).isEqualTo("Permission denied\n\n");
    assertThat(CliClient.exchange(operator, "clear counters\n")).isEqualTo("\n");
    assertThat(column(CliClient.exchange(admin, "show stat\n"), "app", "app1", "smax")).isEqualTo("0");
    assertThat(column(CliClient.exchange(admin, "show stat\n"), "app", "app1", "stot")).isNotEqualTo("0");
    assertThat(CliClient.exchange(admin, "clear counters all\n")).isEqualTo("\n");
    String csv = CliClient.exchange(admin, "show stat\n");
    assertThat(column(csv, "app", "app1", "stot")).isEqualTo("0");
    assertThat(column(csv, "main", "FRONTEND", "req_tot")).isEqualTo("0");
  }

  @Test
  void prompt_interactive_answersEachLineUntilQuit() throws Exception {
    assertThat(CliClient.exchange(admin, "prompt\nshow backend\nget weight app/app1; show cli level\nquit\n"))
        .isEqualTo("\n> # name\napp\nst\n\n> 1 (initial 1)\n\n> admin\n\n> ");
  }

  @Test
  void runtimeCommand_inProcess_sameAsSocket() throws Exception {
    assertThat(proxy.proxy.runtimeCommand("show backend")).isEqualTo(CliClient.exchange(admin, "show backend\n"));
  }

  @Test
  void statsPage_authAndCsv() throws Exception {
    HttpResponse<String> denied = get("/stats", null);
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"HAProxy Statistics\"");
    assertThat(get("/stats", "ops:wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> page = get("/stats", "ops:secret");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(page.headers().firstValue("refresh")).hasValue("5");
    assertThat(page.body()).contains("<table>", ">app1<", ">BACKEND<", ">no check<", "<th>Session rate Max</th>");
    HttpResponse<String> csv = get("/stats;csv", "ops:secret");
    assertThat(csv.statusCode()).isEqualTo(200);
    String socket = CliClient.exchange(user, "show stat\n");
    assertThat(csv.body().split("\n")[0]).isEqualTo(socket.split("\n")[0]);
    assertThat(csv.body().lines().map(l -> l.split(",")[0] + "/" + l.split(",")[1]).toList())
        .isEqualTo(socket.lines().filter(l -> !l.isEmpty()).map(l -> l.split(",")[0] + "/" + l.split(",")[1]).toList());
    // The page's own requests are counted on its frontend.
    assertThat(Long.parseLong(column(socket, "st", "FRONTEND", "hrsp_4xx"))).isGreaterThanOrEqualTo(2);
  }

  private static HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + statsPort + path));
    if (credentials != null) {
      b.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return proxy.send(b);
  }

  @Test
  void start_socketDirectoryMissing_refusesToStartAsHaproxy() throws Exception {
    int port = FreePorts.next();
    String cfg = "global\n    stats socket /nonexistent-hakit/dir/stats\nfrontend f\n    mode http\n    bind 127.0.0.1:"
        + port + "\n    default_backend b\nbackend b\n    mode http\n    server s 127.0.0.1:9\n";
    ProxyModel model = new HaproxyConfigReader().read("t.cfg", cfg).model();
    ProxyServer p = ProxyServer.builder(model).eventLoops(1).build();
    assertThatThrownBy(() -> p.start().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("Binding [t.cfg:2] for frontend GLOBAL: cannot bind UNIX socket (No such file or directory)"
            + " [/nonexistent-hakit/dir/stats]");
    assertThat(p.state()).isEqualTo(io.hakit.core.lifecycle.LifecycleState.FAILED);
    assertThat(p.boundAddresses()).isEmpty();
    p.stop(Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);

    // The same file with statsSocketDirectory: the socket moves, the proxy starts.
    Path moved = Files.createTempDirectory(Path.of("/tmp"), "hkm");
    ProxyServer q = ProxyServer.builder(model).eventLoops(1).statsSocketDirectory(moved).build();
    try {
      q.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(CliClient.exchange(moved.resolve("stats"), "show backend\n")).isEqualTo("# name\nb\n\n");
    } finally {
      q.stop(Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
      Files.deleteIfExists(moved.resolve("stats"));
      Files.deleteIfExists(moved);
    }
  }

  /** The value of a column in the row {@code pxname,svname} of a show stat answer. */
  static String column(String csv, String proxyName, String svname, String column) {
    String[] lines = csv.split("\n");
    List<String> header = List.of(lines[0].substring(2).split(",", -1));
    int i = header.indexOf(column);
    for (String l : lines) {
      String[] v = l.split(",", -1);
      if (v.length > i && v[0].equals(proxyName) && v[1].equals(svname)) {
        return v[i];
      }
    }
    throw new AssertionError("no row " + proxyName + "/" + svname + " in\n" + csv);
  }
}
