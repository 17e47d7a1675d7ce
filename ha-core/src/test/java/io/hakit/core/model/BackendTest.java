package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.hakit.core.Origin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 61);

  @Test
  void builder_defaults_areHaproxyDefaults() {
    Backend b = Backend.builder("app").build();

    assertThat(b.mode()).isEqualTo(Mode.TCP);
    assertThat(b.balance()).isEqualTo(BalanceSpec.ROUND_ROBIN);
    assertThat(b.servers()).isEmpty();
    assertThat(b.healthCheck()).isEqualTo(HealthCheckSpec.TCP_CONNECT);
    assertThat(b.retries()).isEqualTo(Backend.DEFAULT_RETRIES).isEqualTo(3);
    assertThat(b.retryOn()).isEmpty();
    assertThat(b.redispatch()).isFalse();
    assertThat(b.fullconn()).isZero();
    assertThat(b.cookie()).isNull();
    assertThat(b.httpReuse()).isNull();
    assertThat(b.origin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void builder_everyField_isKept() {
    Server s1 = Server.builder("s1", "127.0.0.1:8001").build();
    Server s2 = Server.builder("s2", "127.0.0.1:8002").backup(true).build();
    Acl acl = new Acl("admin", "src", AclFlags.NONE, List.of("127.0.0.1"), AT);
    ServerRule useS2 = new ServerRule("s2", Condition.ifAcl("admin"), AT);
    HttpRule reqRule = new HttpRule(new HttpAction.SetPath("/v2"), null, AT);
    HttpRule resRule = new HttpRule(new HttpAction.DelHeader("Server", null), null, AT);
    CookieSpec cookie = new CookieSpec("SERVERID", List.of("insert", "indirect"), AT);

    Backend b = Backend.builder("app")
        .mode(Mode.HTTP)
        .balance(BalanceSpec.of("leastconn"))
        .server(s1).server(s2)
        .healthCheck(HealthCheckSpec.http("GET", "/health"))
        .timeout(TimeoutKind.SERVER, Duration.ofMinutes(1))
        .retries(5)
        .retryOn(List.of("conn-failure", "empty-response"))
        .redispatch(true)
        .connectionMode(HttpConnectionMode.CLOSE)
        .forwardFor(ForwardFor.enabled())
        .acl(acl)
        .httpRequestRule(reqRule)
        .httpResponseRule(resRule)
        .serverRule(useS2)
        .fullconn(1000)
        .cookie(cookie)
        .httpReuse("always")
        .errorFile(502, "/e/502.http")
        .option("httpchk", true)
        .disabled(true)
        .extra(Setting.of("stick-table", "type", "ip", "size", "1m"))
        .origin(AT)
        .build();

    assertThat(b.mode()).isEqualTo(Mode.HTTP);
    assertThat(b.balance().algorithm()).isEqualTo("leastconn");
    assertThat(b.servers()).containsExactly(s1, s2);
    assertThat(b.server("s2")).isEqualTo(s2);
    assertThat(b.server("s3")).isNull();
    assertThat(b.healthCheck().uri()).isEqualTo("/health");
    assertThat(b.timeouts().get(TimeoutKind.SERVER)).contains(Duration.ofMinutes(1));
    assertThat(b.retries()).isEqualTo(5);
    assertThat(b.retryOn()).containsExactly("conn-failure", "empty-response");
    assertThat(b.redispatch()).isTrue();
    assertThat(b.connectionMode()).isEqualTo(HttpConnectionMode.CLOSE);
    assertThat(b.forwardFor()).isEqualTo(ForwardFor.enabled());
    assertThat(b.acls()).containsExactly(acl);
    assertThat(b.httpRequestRules()).containsExactly(reqRule);
    assertThat(b.httpResponseRules()).containsExactly(resRule);
    assertThat(b.serverRules()).containsExactly(useS2);
    assertThat(b.fullconn()).isEqualTo(1000);
    assertThat(b.cookie()).isEqualTo(cookie);
    assertThat(b.httpReuse()).isEqualTo("always");
    assertThat(b.errorFiles()).containsEntry(502, "/e/502.http");
    assertThat(b.option("httpchk")).isTrue();
    assertThat(b.disabled()).isTrue();
    assertThat(b.extras()).hasSize(1);
    assertThat(b.origin()).isEqualTo(AT);
  }

  @Test
  void retriesAndFullconn_negative_areRejectedAtOrigin() {
    assertThat(Backend.builder("app").retries(0).build().retries()).isZero();
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Backend.builder("app").retries(-1).origin(AT).build())
        .withMessageStartingWith("haproxy.cfg:61: backend 'app': retries: -1 (expected: >= 0");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Backend.builder("app").fullconn(-1).origin(AT).build())
        .withMessage("haproxy.cfg:61: backend 'app': fullconn: -1 (expected: >= 0, 0 = not set)");
  }

  @Test
  void name_invalid_isRejectedAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Backend.builder("").origin(AT).build())
        .withMessage("haproxy.cfg:61: backend name: '' (expected: letters, digits, '_', '.', ':' or '-')");
  }

  @Test
  void servers_afterBuild_cannotChange() {
    Backend.Builder builder = Backend.builder("app").server(Server.builder("s1", "127.0.0.1:1").build());
    Backend b = builder.build();

    builder.server(Server.builder("s2", "127.0.0.1:2").build());

    assertThat(b.servers()).hasSize(1);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> b.servers().clear());
  }
}
