package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Backend;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Condition;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Server;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.net.Cidr;
import io.hakit.core.net.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's haproxy.cfg, read in the default (lenient) mode and asserted field by field. */
class SeedConfigTest {
  private static String text;
  private static ConfigResult result;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = SeedConfigTest.class.getClassLoader().getResourceAsStream("seed/haproxy.cfg")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    result = new HaproxyConfigReader(new HaproxyConfigReader.Options(false, Map.of())).read("haproxy.cfg", text);
  }

  @Test
  void read_seed_global() {
    GlobalSettings g = result.model().global();
    assertThat(g.logs()).singleElement().satisfies(l -> {
      assertThat(l.address()).isEqualTo("127.0.0.1");
      assertThat(l.args()).containsExactly("local2");
      assertThat(l.origin().line()).isEqualTo(18);
    });
    assertThat(g.chroot()).isEqualTo("/var/lib/haproxy");
    assertThat(g.pidfile()).isEqualTo("/var/run/haproxy.pid");
    assertThat(g.maxconn()).isEqualTo(4000);
    assertThat(g.user()).isEqualTo("haproxy");
    assertThat(g.group()).isEqualTo("haproxy");
    assertThat(g.daemon()).isTrue();
    assertThat(g.statsSockets()).singleElement().satisfies(s -> assertThat(s.args())
        .containsExactly("socket", "/var/lib/haproxy/stats"));
    assertThat(g.nbthread()).isZero();
    assertThat(g.other()).isEmpty();
  }

  @Test
  void read_seed_frontendMain() {
    ProxyModel m = result.model();
    assertThat(m.frontends()).extracting(Frontend::name).containsExactly("main");
    Frontend f = m.frontend("main").orElseThrow();
    assertThat(f.origin().line()).isEqualTo(53);
    assertThat(f.mode()).isEqualTo(Mode.HTTP);
    assertThat(f.binds()).extracting(Bind::address).containsExactly(Endpoint.wildcard(5000));
    assertThat(f.acls()).extracting(Acl::name, Acl::fetch, Acl::patterns).containsExactly(
        org.assertj.core.groups.Tuple.tuple("url_static", "path_beg",
            List.of("/static", "/images", "/javascript", "/stylesheets")),
        org.assertj.core.groups.Tuple.tuple("url_static", "path_end", List.of(".jpg", ".gif", ".png", ".css", ".js")));
    assertThat(f.acls()).allSatisfy(a -> assertThat(a.flags().ignoreCase()).isTrue());
    assertThat(f.backendRules()).singleElement().satisfies(r -> {
      assertThat(r.backend()).isEqualTo("static");
      assertThat(r.condition().polarity()).isEqualTo(Condition.Polarity.IF);
      assertThat(r.condition().alternatives()).containsExactly(List.of(AclTerm.named("url_static")));
      assertThat(r.origin().line()).isEqualTo(57);
    });
    assertThat(f.defaultBackend()).isEqualTo("app");
    assertThat(f.maxconn()).isEqualTo(3000);
    assertThat(f.timeouts().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
        TimeoutKind.HTTP_REQUEST, Duration.ofSeconds(10), TimeoutKind.CLIENT, Duration.ofMinutes(1),
        TimeoutKind.HTTP_KEEP_ALIVE, Duration.ofSeconds(10)));
    assertThat(f.log().targets()).singleElement().satisfies(t -> assertThat(t.isGlobal()).isTrue());
    assertThat(f.log().style()).isEqualTo(LogStyle.HTTPLOG);
    assertThat(f.log().dontLogNull()).isTrue();
    assertThat(f.connectionMode()).isEqualTo(HttpConnectionMode.SERVER_CLOSE);
    assertThat(f.forwardFor().except()).isEqualTo(Cidr.parse("127.0.0.0/8"));
    assertThat(f.forwardFor().header()).isEqualTo("X-Forwarded-For");
    assertThat(f.forwardFor().ifNone()).isFalse();
    assertThat(f.httpRequestRules()).isEmpty();
    assertThat(f.extras()).isEmpty();
  }

  @Test
  void read_seed_backends() {
    ProxyModel m = result.model();
    assertThat(m.backends()).extracting(Backend::name).containsExactly("static", "app");
    for (Backend b : m.backends()) {
      assertThat(b.mode()).isEqualTo(Mode.HTTP);
      assertThat(b.balance().algorithm()).isEqualTo("roundrobin");
      assertThat(b.balance().args()).isEmpty();
      assertThat(b.retries()).isEqualTo(3);
      assertThat(b.redispatch()).isTrue();
      assertThat(b.connectionMode()).isEqualTo(HttpConnectionMode.SERVER_CLOSE);
      assertThat(b.healthCheck().kind()).isEqualTo(HealthCheckSpec.Kind.TCP);
      assertThat(b.timeouts().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
          TimeoutKind.HTTP_REQUEST, Duration.ofSeconds(10), TimeoutKind.QUEUE, Duration.ofMinutes(1),
          TimeoutKind.CONNECT, Duration.ofSeconds(10), TimeoutKind.SERVER, Duration.ofMinutes(1),
          TimeoutKind.HTTP_KEEP_ALIVE, Duration.ofSeconds(10), TimeoutKind.CHECK, Duration.ofSeconds(10)));
    }
    Backend statics = m.backend("static").orElseThrow();
    assertThat(statics.origin().line()).isEqualTo(62);
    assertThat(statics.servers()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("static");
      assertThat(s.address()).isEqualTo(Endpoint.of("127.0.0.1", 4331));
      assertThat(s.check().enabled()).isTrue();
      assertThat(s.check().inter()).isEqualTo(Duration.ofSeconds(2));
      assertThat(s.check().rise()).isEqualTo(2);
      assertThat(s.check().fall()).isEqualTo(3);
      assertThat(s.weight()).isEqualTo(Server.DEFAULT_WEIGHT);
      assertThat(s.backup()).isFalse();
      assertThat(s.origin().line()).isEqualTo(64);
    });
    assertThat(m.backend("app").orElseThrow().servers()).isEmpty();
  }

  @Test
  void read_seed_warnsAboutLegacyHeaderAndProcessDirectives() {
    assertThat(result.warnings()).filteredOn(d -> d.origin().line() == 53).singleElement()
        .satisfies(d -> assertThat(d.message()).contains("frontend  main *:5000".replace("  ", " "))
            .contains("bind *:5000"));
    assertThat(result.warnings()).extracting(d -> d.origin().line()).contains(20, 21, 23, 24, 25);
    assertThat(result.warnings()).noneMatch(Diagnostic::isError);
  }

  @Test
  void read_seedStrict_failsLikeHaproxy26() {
    HaproxyConfigReader strict = new HaproxyConfigReader(new HaproxyConfigReader.Options(true, Map.of()));
    assertThatThrownBy(() -> strict.read("haproxy.cfg", text)).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.errors()).extracting(Diagnostic::toString).containsExactly(
          "haproxy.cfg:53: please use the 'bind' keyword for listening addresses.",
          "haproxy.cfg:54: 'listen' or 'defaults' expected.",
          "haproxy.cfg:55: 'listen' or 'defaults' expected.",
          "haproxy.cfg:57: 'listen' or 'defaults' expected.",
          "haproxy.cfg:58: 'listen' or 'defaults' expected.");
    });
  }
}
