package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontendTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 50);

  @Test
  void builder_defaults_areHaproxyDefaults() {
    Frontend f = Frontend.builder("main").build();

    assertThat(f.name()).isEqualTo("main");
    assertThat(f.mode()).isEqualTo(Mode.TCP);
    assertThat(f.binds()).isEmpty();
    assertThat(f.defaultBackend()).isNull();
    assertThat(f.timeouts()).isEqualTo(Timeouts.NONE);
    assertThat(f.maxconn()).isZero();
    assertThat(f.connectionMode()).isEqualTo(HttpConnectionMode.KEEP_ALIVE);
    assertThat(f.forwardFor()).isNull();
    assertThat(f.log()).isEqualTo(LogSettings.NONE);
    assertThat(f.stats()).isEqualTo(StatsSpec.DISABLED);
    assertThat(f.disabled()).isFalse();
    assertThat(f.origin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void builder_everyField_isKept() {
    Acl a1 = new Acl("api", "path_beg", AclFlags.NONE, List.of("/api"), AT);
    Acl a2 = new Acl("api", "hdr(host)", AclFlags.NONE, List.of("api.example"), AT);
    Acl other = new Acl("static", "path_end", AclFlags.NONE, List.of(".css"), AT);
    HttpRule deny = new HttpRule(new HttpAction.Deny(403), Condition.ifAcl("api"), AT);
    HttpRule header = new HttpRule(new HttpAction.SetHeader("X-Served-By", "hakit"), null, AT);
    BackendRule use = new BackendRule("api", Condition.ifAcl("api"), AT);
    Capture capture = new Capture(Capture.Kind.REQUEST_HEADER, "Host", 32, AT);

    Frontend f = Frontend.builder("main")
        .mode(Mode.HTTP)
        .bind(Bind.of(Endpoint.parse("*:5000")))
        .bind(Bind.of(Endpoint.parse("[::]:5000")))
        .acl(a1).acl(other).acl(a2)
        .httpRequestRule(deny)
        .httpResponseRule(header)
        .backendRule(use)
        .defaultBackend("app")
        .timeout(TimeoutKind.CLIENT, Duration.ofMinutes(1))
        .maxconn(3000)
        .connectionMode(HttpConnectionMode.SERVER_CLOSE)
        .forwardFor(ForwardFor.enabled())
        .capture(capture)
        .monitorUri("/up")
        .errorFile(503, "/etc/haproxy/errors/503.http")
        .option("httplog", true)
        .option("dontlognull", false)
        .disabled(true)
        .extra(Setting.of("unique-id-format", "%{+X}o"))
        .origin(AT)
        .build();

    assertThat(f.mode()).isEqualTo(Mode.HTTP);
    assertThat(f.binds()).extracting(b -> b.address().toString()).containsExactly("*:5000", "[::]:5000");
    assertThat(f.acls("api")).containsExactly(a1, a2);
    assertThat(f.acls("none")).isEmpty();
    assertThat(f.httpRequestRules()).containsExactly(deny);
    assertThat(f.httpResponseRules()).containsExactly(header);
    assertThat(f.backendRules()).containsExactly(use);
    assertThat(f.defaultBackend()).isEqualTo("app");
    assertThat(f.timeouts().get(TimeoutKind.CLIENT)).contains(Duration.ofMinutes(1));
    assertThat(f.maxconn()).isEqualTo(3000);
    assertThat(f.connectionMode()).isEqualTo(HttpConnectionMode.SERVER_CLOSE);
    assertThat(f.forwardFor()).isEqualTo(ForwardFor.enabled());
    assertThat(f.captures()).containsExactly(capture);
    assertThat(f.monitorUri()).isEqualTo("/up");
    assertThat(f.errorFiles()).containsEntry(503, "/etc/haproxy/errors/503.http");
    assertThat(f.option("httplog")).isTrue();
    assertThat(f.option("dontlognull")).isFalse();
    assertThat(f.option("never-set")).isFalse();
    assertThat(f.options()).containsKeys("httplog", "dontlognull");
    assertThat(f.disabled()).isTrue();
    assertThat(f.extras()).containsExactly(Setting.of("unique-id-format", "%{+X}o"));
    assertThat(f.origin()).isEqualTo(AT);
  }

  @Test
  void build_twice_givesIndependentImmutableCopies() {
    Frontend.Builder builder = Frontend.builder("main").bind(Bind.of(Endpoint.wildcard(80)));
    Frontend first = builder.build();

    builder.bind(Bind.of(Endpoint.wildcard(81))).option("httplog", true);

    assertThat(first.binds()).hasSize(1);
    assertThat(first.options()).isEmpty();
    assertThat(builder.build().binds()).hasSize(2);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> first.binds().add(Bind.of(Endpoint.wildcard(82))));
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> first.options().put("x", true));
  }

  @Test
  void name_invalid_isRejectedAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Frontend.builder("main site").origin(AT).build())
        .withMessage("haproxy.cfg:50: frontend name: 'main site' (expected: letters, digits, '_', '.', ':' or '-')");
  }

  @Test
  void maxconn_negative_isRejectedAtOrigin_zeroMeansUnset() {
    assertThat(Frontend.builder("main").maxconn(0).build().maxconn()).isZero();
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Frontend.builder("main").maxconn(-1).origin(AT).build())
        .withMessage("haproxy.cfg:50: frontend 'main': maxconn: -1 (expected: >= 0, 0 = not set)");
  }
}
