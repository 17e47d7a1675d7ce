package io.hakit.config.haproxy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclFlags;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BackendRule;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Capture;
import io.hakit.core.model.Condition;
import io.hakit.core.model.CookieSpec;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpAction;
import io.hakit.core.model.HttpCheckExpect;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.LogSettings;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Server;
import io.hakit.core.model.ServerCheck;
import io.hakit.core.model.ServerRule;
import io.hakit.core.model.Setting;
import io.hakit.core.model.StatsSpec;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.net.Cidr;
import io.hakit.core.net.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random valid models in the reader's normal form (what reading a file yields: origins unknown,
 * settings only on the side that uses them), for the writer's round-trip property.
 */
final class ModelGenerator {
  private static final String[] WORDS = {"a", "b c", "x#y", "it's", "q\"uote", "back\\slash", "$HOME", "tab\tbed",
      "/static", "-dash", "UPPER", "100%%", "é"};
  private static final String[] ADDRESSES = {"127.0.0.1", "10.0.0.0/8", "::1", "192.0.2.0/24"};
  private static final String[] FETCHES = {"path_beg", "path_end", "hdr(host)", "src", "req.hdr(host),lower", "method",
      "url_param(id)"};
  private static final String[] FE_FLAGS = {"contstats", "logasap", "http-ignore-probes", "nolinger"};
  private static final String[] BE_FLAGS = {"abortonclose", "allbackups", "persist", "nolinger", "prefer-last-server"};
  private static final TimeoutKind[] FE_TIMEOUTS = {TimeoutKind.CLIENT, TimeoutKind.HTTP_REQUEST,
      TimeoutKind.HTTP_KEEP_ALIVE, TimeoutKind.CLIENT_FIN};
  private static final TimeoutKind[] BE_TIMEOUTS = {TimeoutKind.CONNECT, TimeoutKind.SERVER, TimeoutKind.QUEUE,
      TimeoutKind.CHECK, TimeoutKind.TUNNEL, TimeoutKind.SERVER_FIN};

  private final Random r;

  ModelGenerator(long seed) {
    this.r = new Random(seed);
  }

  private String word() {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private boolean coin() {
    return r.nextBoolean();
  }

  private <T> T pick(T[] values) {
    return values[r.nextInt(values.length)];
  }

  private Duration duration() {
    return Duration.ofMillis(1 + r.nextInt(3_600_000));
  }

  ProxyModel model() {
    ProxyModel.Builder m = ProxyModel.builder().global(global());
    int backends = 1 + r.nextInt(3);
    List<String> names = new ArrayList<>();
    List<Mode> modes = new ArrayList<>();
    for (int i = 0; i < backends; i++) {
      String name = "be" + i;
      Mode mode = coin() ? Mode.HTTP : Mode.TCP;
      names.add(name);
      modes.add(mode);
      m.backend(backend(name, mode));
    }
    int frontends = r.nextInt(3);
    for (int i = 0; i < frontends; i++) {
      m.frontend(frontend("fe" + i, names, modes));
    }
    return m.build();
  }

  private GlobalSettings global() {
    GlobalSettings.Builder g = GlobalSettings.builder();
    if (coin()) {
      g.maxconn(1 + r.nextInt(100_000));
    }
    if (coin()) {
      g.nbthread(1 + r.nextInt(64));
    }
    if (coin()) {
      g.log(new LogTarget("127.0.0.1:514", List.of("local" + r.nextInt(8), "info"), io.hakit.core.Origin.UNKNOWN));
    }
    if (coin()) {
      g.chroot("/var/lib/" + r.nextInt(10)).user("haproxy").group("haproxy").daemon(true).pidfile("/run/x.pid");
    }
    if (coin()) {
      g.statsSocket(Setting.of("stats", "socket", "/run/hk.sock", "mode", "600", "level", "admin"));
    }
    if (coin()) {
      g.tune("tune.bufsize", Integer.toString(16384 + r.nextInt(1000)));
    }
    if (coin()) {
      g.other(Setting.of("spread-checks", Integer.toString(r.nextInt(50))));
    }
    return g.build();
  }

  private Acl acl(String name) {
    String fetch = pick(FETCHES);
    boolean ip = fetch.equals("src");
    String method = ip || coin() ? null : pick(new String[] {"str", "beg", "end", "sub", "reg", "found"});
    List<String> patterns = new ArrayList<>();
    int n = "found".equals(method) ? 0 : 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      patterns.add(ip ? pick(ADDRESSES) : word());
    }
    return new Acl(name, fetch, new AclFlags(!ip && coin(), method, List.of(), coin()), patterns,
        io.hakit.core.Origin.UNKNOWN);
  }

  private @Nullable Condition condition(List<String> acls) {
    if (acls.isEmpty() || r.nextInt(3) == 0) {
      return null;
    }
    List<List<AclTerm>> or = new ArrayList<>();
    int alternatives = 1 + r.nextInt(2);
    for (int i = 0; i < alternatives; i++) {
      List<AclTerm> and = new ArrayList<>();
      int terms = 1 + r.nextInt(3);
      for (int k = 0; k < terms; k++) {
        AclTerm t = r.nextInt(4) == 0 ? AclTerm.inline(acl(Acl.ANONYMOUS)) : AclTerm.named(acls.get(r.nextInt(acls.size())));
        and.add(coin() ? t.negate() : t);
      }
      or.add(and);
    }
    return new Condition(coin() ? Condition.Polarity.IF : Condition.Polarity.UNLESS, or, io.hakit.core.Origin.UNKNOWN);
  }

  private HttpAction action() {
    return switch (r.nextInt(10)) {
      case 0 -> new HttpAction.Allow();
      case 1 -> new HttpAction.Deny(coin() ? 403 : 429);
      case 2 -> new HttpAction.Return(200 + r.nextInt(300), "text/plain", "string", word(),
          List.of(new HttpAction.Header("X-H", word())));
      case 3 -> new HttpAction.Redirect("location", "/" + r.nextInt(9), 301, coin() ? List.of("drop-query") : List.of());
      case 4 -> new HttpAction.SetHeader("X-A", word());
      case 5 -> new HttpAction.AddHeader("X-B", word());
      case 6 -> new HttpAction.DelHeader("X-C", coin() ? null : "beg");
      case 7 -> new HttpAction.SetPath("/p" + word());
      case 8 -> new HttpAction.ReplaceHeader(coin() ? "replace-header" : "replace-value", "X-D", "(.*)", "\\1" + word());
      default -> new HttpAction.Other("set-var(txn.x)", List.of("str(" + r.nextInt(9) + ")"));
    };
  }

  private List<String> acls(Frontend.Builder fb, Backend.Builder bb) {
    List<String> names = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String name = "acl_" + r.nextInt(3);
      Acl a = acl(name);
      if (fb != null) {
        fb.acl(a);
      } else {
        bb.acl(a);
      }
      names.add(name);
    }
    return names;
  }

  private Frontend frontend(String name, List<String> backends, List<Mode> modes) {
    Mode mode = coin() ? Mode.HTTP : Mode.TCP;
    Frontend.Builder f = Frontend.builder(name).mode(mode);
    List<String> acls = acls(f, null);
    int binds = 1 + r.nextInt(2);
    for (int i = 0; i < binds; i++) {
      Endpoint ep = coin() ? Endpoint.wildcard(1024 + r.nextInt(60000)) : Endpoint.parse("127.0.0.1:" + (1024 + r.nextInt(60000)));
      f.bind(new Bind(ep, coin() ? "b" + i : null, r.nextInt(3) * 100, r.nextInt(2) * 10,
          coin() ? List.of(Setting.of("accept-proxy")) : List.of(), io.hakit.core.Origin.UNKNOWN));
    }
    if (coin()) {
      f.maxconn(1 + r.nextInt(10_000));
    }
    for (TimeoutKind k : FE_TIMEOUTS) {
      if (coin()) {
        f.timeout(k, duration());
      }
    }
    f.connectionMode(pick(HttpConnectionMode.values()));
    if (coin()) {
      f.forwardFor(new ForwardFor(coin() ? Cidr.parse("127.0.0.0/8") : null, coin() ? "X-Real" : ForwardFor.DEFAULT_HEADER,
          coin()));
    }
    LogStyle style = pick(LogStyle.values());
    f.log(new LogSettings(coin() ? List.of(new LogTarget("global", List.of(), io.hakit.core.Origin.UNKNOWN)) : List.of(),
        style, style == LogStyle.CUSTOM ? "%ci " + word() : null, coin(), false));
    if (coin()) {
      f.capture(new Capture(pick(Capture.Kind.values()), "Host", 1 + r.nextInt(100), io.hakit.core.Origin.UNKNOWN));
    }
    if (coin()) {
      f.monitorUri("/health");
    }
    if (coin()) {
      f.stats(new StatsSpec(true, coin() ? StatsSpec.DEFAULT_URI : "/st", List.of("admin:pw"), coin() ? "R" : null,
          coin() ? Duration.ofSeconds(5) : null, condition(acls), coin(), List.of()));
    }
    if (coin()) {
      f.option(pick(FE_FLAGS), coin());
    }
    int rules = r.nextInt(4);
    for (int i = 0; i < rules; i++) {
      f.httpRequestRule(new HttpRule(action(), condition(acls), io.hakit.core.Origin.UNKNOWN));
    }
    if (coin()) {
      f.httpResponseRule(new HttpRule(new HttpAction.SetHeader("X-R", word()), condition(acls),
          io.hakit.core.Origin.UNKNOWN));
    }
    for (int i = 0; i < backends.size(); i++) {
      if (mode == Mode.HTTP && modes.get(i) == Mode.TCP) {
        continue;
      }
      if (coin()) {
        f.backendRule(new BackendRule(backends.get(i), condition(acls), io.hakit.core.Origin.UNKNOWN));
      } else if (coin()) {
        f.defaultBackend(backends.get(i));
      }
    }
    if (coin()) {
      f.extra(new Setting("unique-id-header", List.of("X-Id"), io.hakit.core.Origin.UNKNOWN));
    }
    return f.build();
  }

  private Backend backend(String name, Mode mode) {
    Backend.Builder b = Backend.builder(name).mode(mode);
    List<String> acls = acls(null, b);
    String[][] algos = {{"roundrobin"}, {"leastconn"}, {"source"}, {"uri", "len", "10", "whole"},
        {"url_param", "id"}, {"hdr(Host)", "use_domain_only"}, {"random(3)"}, {"first"}, {"static-rr"}};
    String[] algo = pick(algos);
    HashSpec hash = coin() ? HashSpec.DEFAULT : new HashSpec("consistent", "djb2", coin() ? "avalanche" : null);
    b.balance(new BalanceSpec(algo[0], List.of(algo).subList(1, algo.length), hash, io.hakit.core.Origin.UNKNOWN));
    if (coin()) {
      List<HttpCheckExpect> expects = coin() ? List.of(new HttpCheckExpect(coin(), "status", "200")) : List.of();
      b.healthCheck(new HealthCheckSpec(HealthCheckSpec.Kind.HTTP, coin() ? "GET" : "OPTIONS", coin() ? "/" : "/hc",
          coin() ? "HTTP/1.1" : null, expects, List.of(), io.hakit.core.Origin.UNKNOWN));
    }
    for (TimeoutKind k : BE_TIMEOUTS) {
      if (coin()) {
        b.timeout(k, duration());
      }
    }
    b.retries(r.nextInt(6));
    if (coin()) {
      b.retryOn(List.of("conn-failure", "503"));
    }
    b.redispatch(coin()).connectionMode(pick(HttpConnectionMode.values()));
    if (coin()) {
      b.fullconn(r.nextInt(1000));
    }
    if (coin()) {
      b.cookie(new CookieSpec("SRV", List.of("insert", "indirect"), io.hakit.core.Origin.UNKNOWN));
    }
    if (coin()) {
      b.httpReuse("always");
    }
    b.log(new LogSettings(List.of(), LogStyle.NONE, null, false, coin()));
    if (coin()) {
      b.option(pick(BE_FLAGS), coin());
    }
    int servers = r.nextInt(4);
    List<String> serverNames = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      String s = "s" + i;
      serverNames.add(s);
      ServerCheck check = new ServerCheck(coin(), coin() ? ServerCheck.DEFAULT_INTER : duration(),
          coin() ? null : duration(), coin() ? null : duration(), 1 + r.nextInt(5), 1 + r.nextInt(5),
          coin() ? 0 : 1 + r.nextInt(65535), coin() ? null : "127.0.0.2");
      b.server(Server.builder(s, coin() ? "127.0.0.1:" + (1 + r.nextInt(65535)) : "[::1]:80").weight(r.nextInt(257))
          .backup(coin()).disabled(coin()).check(check).maxconn(r.nextInt(100)).maxqueue(r.nextInt(10))
          .sendProxy(coin()).slowstart(coin() ? null : duration()).cookie(coin() ? null : "c" + i)
          .option(Setting.of("observe", "layer4")).build());
    }
    if (!serverNames.isEmpty() && coin()) {
      Condition c = condition(acls);
      if (c != null) {
        b.serverRule(new ServerRule(serverNames.get(0), c, io.hakit.core.Origin.UNKNOWN));
      }
    }
    if (mode == Mode.HTTP && coin()) {
      b.httpRequestRule(new HttpRule(action(), condition(acls), io.hakit.core.Origin.UNKNOWN));
    }
    if (coin()) {
      b.extra(new Setting("stick-table", List.of("type", "ip", "size", "1k"), io.hakit.core.Origin.UNKNOWN));
    }
    return b.build();
  }
}
