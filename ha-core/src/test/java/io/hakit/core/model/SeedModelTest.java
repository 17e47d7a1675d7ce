package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.Origin;
import io.hakit.core.net.Cidr;
import io.hakit.core.net.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The seed's haproxy.cfg ({@code seed/haproxy.cfg}) expressed with the builders, line by line:
 * every element carries the origin of the line it comes from, and every directive line of the file
 * has a check here asserting the model fields it sets. {@code defaults} lines are applied to each
 * proxy, as the model wants them. The legacy header {@code frontend main *:5000} (refused by
 * HAProxy 1.6+) is modelled as HAProxy suggests: {@code frontend main} plus {@code bind *:5000}.
 */
class SeedModelTest {
  private static final String FILE = "seed/haproxy.cfg";
  private static final Seed SEED = Seed.load();
  private static final ProxyModel MODEL = buildModel();
  private static final Map<String, Consumer<ProxyModel>> CHECKS = checks();

  private static Origin at(String section, String directive) {
    return Origin.of(FILE, SEED.line(section, directive));
  }

  private static Origin at(String section) {
    return Origin.of(FILE, SEED.line(section, section));
  }

  /** The defaults section, applied to a proxy of either kind. */
  private static Timeouts defaultTimeouts() {
    return Timeouts.NONE
        .with(TimeoutKind.HTTP_REQUEST, Duration.ofSeconds(10))
        .with(TimeoutKind.QUEUE, Duration.ofMinutes(1))
        .with(TimeoutKind.CONNECT, Duration.ofSeconds(10))
        .with(TimeoutKind.CLIENT, Duration.ofMinutes(1))
        .with(TimeoutKind.SERVER, Duration.ofMinutes(1))
        .with(TimeoutKind.HTTP_KEEP_ALIVE, Duration.ofSeconds(10))
        .with(TimeoutKind.CHECK, Duration.ofSeconds(10));
  }

  private static LogSettings defaultLog() {
    return new LogSettings(List.of(new LogTarget("global", List.of(), at("defaults", "log global"))),
        LogStyle.HTTPLOG, null, true, false);
  }

  private static ForwardFor defaultForwardFor() {
    return new ForwardFor(Cidr.parse("127.0.0.0/8"), ForwardFor.DEFAULT_HEADER, false);
  }

  private static Backend.Builder backend(String header, String name) {
    return Backend.builder(name)
        .origin(at(header))
        .mode(Mode.HTTP)
        .log(defaultLog())
        .connectionMode(HttpConnectionMode.SERVER_CLOSE)
        .forwardFor(defaultForwardFor())
        .redispatch(true)
        .retries(3)
        .timeouts(defaultTimeouts())
        .balance(new BalanceSpec("roundrobin", List.of(), HashSpec.DEFAULT, at(header, "balance roundrobin")));
  }

  private static ProxyModel buildModel() {
    String frontendHeader = "frontend main *:5000";
    GlobalSettings global = GlobalSettings.builder()
        .origin(at("global"))
        .log(new LogTarget("127.0.0.1", List.of("local2"), at("global", "log 127.0.0.1 local2")))
        .chroot("/var/lib/haproxy")
        .pidfile("/var/run/haproxy.pid")
        .maxconn(4000)
        .user("haproxy")
        .group("haproxy")
        .daemon(true)
        .statsSocket(new Setting("stats", List.of("socket", "/var/lib/haproxy/stats"),
            at("global", "stats socket /var/lib/haproxy/stats")))
        .build();
    AclFlags ignoreCase = new AclFlags(true, null, List.of(), false);
    Origin useBackendLine = at(frontendHeader, "use_backend static if url_static");
    Frontend main = Frontend.builder("main")
        .origin(at(frontendHeader))
        .mode(Mode.HTTP)
        .log(defaultLog())
        .option("httplog", true)
        .option("dontlognull", true)
        .connectionMode(HttpConnectionMode.SERVER_CLOSE)
        .forwardFor(defaultForwardFor())
        .timeouts(defaultTimeouts())
        .maxconn(3000)
        .bind(new Bind(Endpoint.parse("*:5000"), null, 0, 0, List.of(), at(frontendHeader)))
        .acl(new Acl("url_static", "path_beg", ignoreCase, List.of("/static", "/images", "/javascript", "/stylesheets"),
            at(frontendHeader, "acl url_static path_beg -i /static /images /javascript /stylesheets")))
        .acl(new Acl("url_static", "path_end", ignoreCase, List.of(".jpg", ".gif", ".png", ".css", ".js"),
            at(frontendHeader, "acl url_static path_end -i .jpg .gif .png .css .js")))
        .backendRule(new BackendRule("static",
            new Condition(Condition.Polarity.IF, List.of(List.of(AclTerm.named("url_static"))), useBackendLine),
            useBackendLine))
        .defaultBackend("app")
        .build();
    Backend staticBackend = backend("backend static", "static")
        .server(Server.builder("static", "127.0.0.1:4331").check(ServerCheck.ENABLED)
            .origin(at("backend static", "server static 127.0.0.1:4331 check")).build())
        .build();
    Backend app = backend("backend app", "app").build();
    return ProxyModel.builder().global(global).frontend(main).backend(staticBackend).backend(app).build();
  }

  private static Frontend main(ProxyModel m) {
    return m.frontend("main").orElseThrow();
  }

  private static Backend backend(ProxyModel m, String name) {
    return m.backend(name).orElseThrow();
  }

  /** Every proxy: the defaults section applies to each one. */
  private static void eachProxy(ProxyModel m, Consumer<Frontend> onFrontend, Consumer<Backend> onBackend) {
    assertThat(m.frontends()).isNotEmpty().allSatisfy(onFrontend::accept);
    assertThat(m.backends()).isNotEmpty().allSatisfy(onBackend::accept);
  }

  private static void timeout(ProxyModel m, TimeoutKind kind, Duration value) {
    eachProxy(m, f -> assertThat(f.timeouts().get(kind)).contains(value),
        b -> assertThat(b.timeouts().get(kind)).contains(value));
  }

  private static Map<String, Consumer<ProxyModel>> checks() {
    Map<String, Consumer<ProxyModel>> c = new LinkedHashMap<>();
    String global = "global";
    c.put(key(global, global), m -> assertThat(m.global().origin()).isEqualTo(at(global)));
    c.put(key(global, "log 127.0.0.1 local2"), m -> assertThat(m.global().logs()).singleElement().satisfies(t -> {
      assertThat(t.address()).isEqualTo("127.0.0.1");
      assertThat(t.args()).containsExactly("local2");
      assertThat(t.origin()).isEqualTo(at(global, "log 127.0.0.1 local2"));
    }));
    c.put(key(global, "chroot /var/lib/haproxy"), m -> assertThat(m.global().chroot()).isEqualTo("/var/lib/haproxy"));
    c.put(key(global, "pidfile /var/run/haproxy.pid"),
        m -> assertThat(m.global().pidfile()).isEqualTo("/var/run/haproxy.pid"));
    c.put(key(global, "maxconn 4000"), m -> assertThat(m.global().maxconn()).isEqualTo(4000));
    c.put(key(global, "user haproxy"), m -> assertThat(m.global().user()).isEqualTo("haproxy"));
    c.put(key(global, "group haproxy"), m -> assertThat(m.global().group()).isEqualTo("haproxy"));
    c.put(key(global, "daemon"), m -> assertThat(m.global().daemon()).isTrue());
    c.put(key(global, "stats socket /var/lib/haproxy/stats"),
        m -> assertThat(m.global().statsSockets()).singleElement().satisfies(s -> {
          assertThat(s.keyword()).isEqualTo("stats");
          assertThat(s.args()).containsExactly("socket", "/var/lib/haproxy/stats");
          assertThat(s.origin()).isEqualTo(at(global, "stats socket /var/lib/haproxy/stats"));
        }));

    String defaults = "defaults";
    c.put(key(defaults, defaults), m -> assertThat(SEED.line(defaults, defaults)).isPositive());
    c.put(key(defaults, "mode http"), m -> eachProxy(m, f -> assertThat(f.mode()).isEqualTo(Mode.HTTP),
        b -> assertThat(b.mode()).isEqualTo(Mode.HTTP)));
    c.put(key(defaults, "log global"), m -> eachProxy(m,
        f -> assertThat(f.log().targets()).extracting(LogTarget::isGlobal).containsExactly(true),
        b -> assertThat(b.log().targets()).extracting(LogTarget::origin)
            .containsExactly(at(defaults, "log global"))));
    c.put(key(defaults, "option httplog"), m -> eachProxy(m,
        f -> assertThat(f.log().style()).isEqualTo(LogStyle.HTTPLOG),
        b -> assertThat(b.log().style()).isEqualTo(LogStyle.HTTPLOG)));
    c.put(key(defaults, "option dontlognull"), m -> eachProxy(m,
        f -> assertThat(f.log().dontLogNull()).isTrue(),
        b -> assertThat(b.log().dontLogNull()).isTrue()));
    c.put(key(defaults, "option http-server-close"), m -> eachProxy(m,
        f -> assertThat(f.connectionMode()).isEqualTo(HttpConnectionMode.SERVER_CLOSE),
        b -> assertThat(b.connectionMode().option()).isEqualTo("http-server-close")));
    c.put(key(defaults, "option forwardfor except 127.0.0.0/8"), m -> eachProxy(m,
        f -> assertThat(f.forwardFor()).isEqualTo(defaultForwardFor()),
        b -> {
          ForwardFor ff = b.forwardFor();
          assertThat(ff).isNotNull();
          assertThat(ff.header()).isEqualTo("X-Forwarded-For");
          assertThat(ff.except()).hasToString("127.0.0.0/8");
          assertThat(ff.except().contains(new byte[] {127, 0, 0, 1})).isTrue();
          assertThat(ff.ifNone()).isFalse();
        }));
    c.put(key(defaults, "option redispatch"),
        m -> assertThat(m.backends()).allSatisfy(b -> assertThat(b.redispatch()).isTrue()));
    c.put(key(defaults, "retries 3"),
        m -> assertThat(m.backends()).allSatisfy(b -> assertThat(b.retries()).isEqualTo(3)));
    c.put(key(defaults, "timeout http-request 10s"), m -> timeout(m, TimeoutKind.HTTP_REQUEST, Duration.ofSeconds(10)));
    c.put(key(defaults, "timeout queue 1m"), m -> timeout(m, TimeoutKind.QUEUE, Duration.ofMinutes(1)));
    c.put(key(defaults, "timeout connect 10s"), m -> timeout(m, TimeoutKind.CONNECT, Duration.ofSeconds(10)));
    c.put(key(defaults, "timeout client 1m"), m -> timeout(m, TimeoutKind.CLIENT, Duration.ofMinutes(1)));
    c.put(key(defaults, "timeout server 1m"), m -> timeout(m, TimeoutKind.SERVER, Duration.ofMinutes(1)));
    c.put(key(defaults, "timeout http-keep-alive 10s"),
        m -> timeout(m, TimeoutKind.HTTP_KEEP_ALIVE, Duration.ofSeconds(10)));
    c.put(key(defaults, "timeout check 10s"), m -> timeout(m, TimeoutKind.CHECK, Duration.ofSeconds(10)));
    c.put(key(defaults, "maxconn 3000"), m -> assertThat(main(m).maxconn()).isEqualTo(3000));

    String fe = "frontend main *:5000";
    c.put(key(fe, fe), m -> {
      Frontend f = main(m);
      assertThat(f.origin()).isEqualTo(at(fe));
      assertThat(f.binds()).singleElement().satisfies(b -> {
        assertThat(b.address()).isEqualTo(Endpoint.wildcard(5000));
        assertThat(b.address().isWildcard()).isTrue();
        assertThat(b.origin()).isEqualTo(at(fe));
      });
    });
    c.put(key(fe, "acl url_static path_beg -i /static /images /javascript /stylesheets"), m -> {
      Acl a = main(m).acls("url_static").get(0);
      assertThat(a.fetch()).isEqualTo("path_beg");
      assertThat(a.flags().ignoreCase()).isTrue();
      assertThat(a.patterns()).containsExactly("/static", "/images", "/javascript", "/stylesheets");
      assertThat(a.origin()).isEqualTo(at(fe, "acl url_static path_beg -i /static /images /javascript /stylesheets"));
    });
    c.put(key(fe, "acl url_static path_end -i .jpg .gif .png .css .js"), m -> {
      Acl a = main(m).acls("url_static").get(1);
      assertThat(a.fetch()).isEqualTo("path_end");
      assertThat(a.flags().ignoreCase()).isTrue();
      assertThat(a.patterns()).containsExactly(".jpg", ".gif", ".png", ".css", ".js");
      assertThat(a.origin()).isEqualTo(at(fe, "acl url_static path_end -i .jpg .gif .png .css .js"));
    });
    c.put(key(fe, "use_backend static if url_static"), m -> assertThat(main(m).backendRules()).singleElement()
        .satisfies(r -> {
          assertThat(r.backend()).isEqualTo("static");
          assertThat(r.isDynamic()).isFalse();
          assertThat(r.condition()).isEqualTo(new Condition(Condition.Polarity.IF,
              List.of(List.of(AclTerm.named("url_static"))), at(fe, "use_backend static if url_static")));
          assertThat(r.origin()).isEqualTo(at(fe, "use_backend static if url_static"));
          assertThat(m.backend(r.backend())).isPresent();
        }));
    c.put(key(fe, "default_backend app"), m -> {
      assertThat(main(m).defaultBackend()).isEqualTo("app");
      assertThat(m.backend("app")).isPresent();
    });

    String bs = "backend static";
    c.put(key(bs, bs), m -> assertThat(backend(m, "static").origin()).isEqualTo(at(bs)));
    c.put(key(bs, "balance roundrobin"), m -> {
      BalanceSpec spec = backend(m, "static").balance();
      assertThat(spec.algorithm()).isEqualTo("roundrobin");
      assertThat(spec.args()).isEmpty();
      assertThat(spec.origin()).isEqualTo(at(bs, "balance roundrobin"));
    });
    c.put(key(bs, "server static 127.0.0.1:4331 check"),
        m -> assertThat(backend(m, "static").servers()).singleElement().satisfies(s -> {
          assertThat(s.name()).isEqualTo("static");
          assertThat(s.address()).isEqualTo(Endpoint.of("127.0.0.1", 4331));
          assertThat(s.check().enabled()).isTrue();
          assertThat(s.weight()).isEqualTo(1);
          assertThat(s.origin()).isEqualTo(at(bs, "server static 127.0.0.1:4331 check"));
        }));

    String ba = "backend app";
    c.put(key(ba, ba), m -> {
      assertThat(backend(m, "app").origin()).isEqualTo(at(ba));
      assertThat(backend(m, "app").servers()).isEmpty();
    });
    c.put(key(ba, "balance roundrobin"), m -> {
      BalanceSpec spec = backend(m, "app").balance();
      assertThat(spec.algorithm()).isEqualTo("roundrobin");
      assertThat(spec.origin()).isEqualTo(at(ba, "balance roundrobin"));
    });
    return c;
  }

  private static String key(String section, String directive) {
    return section + " | " + directive;
  }

  @Test
  void everyDirectiveLine_hasACheck() {
    assertThat(CHECKS.keySet()).containsExactlyElementsOf(SEED.keys());
  }

  @TestFactory
  Stream<DynamicTest> eachLine_isExpressedInTheModel() {
    return CHECKS.entrySet().stream().map(e -> {
      String[] parts = e.getKey().split(" \\| ", 2);
      int line = SEED.line(parts[0], parts[1]);
      return DynamicTest.dynamicTest("line " + line + ": " + parts[1], () -> e.getValue().accept(MODEL));
    });
  }

  @Test
  void model_isValidAndComplete() {
    assertThat(MODEL.frontends()).extracting(Frontend::name).containsExactly("main");
    assertThat(MODEL.backends()).extracting(Backend::name).containsExactly("static", "app");
  }

  /** The seed's directive lines, without comments, whitespace collapsed, keyed by their section header. */
  private record Seed(Map<String, Integer> lines) {

    static Seed load() {
      String text;
      try (InputStream in = SeedModelTest.class.getClassLoader().getResourceAsStream(FILE)) {
        assertThat(in).as("classpath resource " + FILE).isNotNull();
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + FILE, e);
      }
      Map<String, Integer> lines = new LinkedHashMap<>();
      String section = "";
      List<String> all = text.lines().toList();
      for (int i = 0; i < all.size(); i++) {
        String raw = all.get(i);
        int hash = raw.indexOf('#');
        String directive = (hash >= 0 ? raw.substring(0, hash) : raw).trim().replaceAll("\\s+", " ");
        if (directive.isEmpty()) {
          continue;
        }
        if (!Character.isWhitespace(raw.charAt(0))) {
          section = directive;
        }
        Integer previous = lines.put(key(section, directive), i + 1);
        assertThat(previous).as("directive repeated in its section: %s", directive).isNull();
      }
      return new Seed(lines);
    }

    int line(String section, String directive) {
      Integer line = lines.get(key(section, directive));
      assertThat(line).as("'%s' in section '%s' of %s", directive, section, FILE).isNotNull();
      return line;
    }

    List<String> keys() {
      return new ArrayList<>(lines.keySet());
    }
  }
}
