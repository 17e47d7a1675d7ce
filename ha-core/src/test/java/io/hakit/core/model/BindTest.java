package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 7);

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"*:5000", ":80", "[::]:443", "127.0.0.1:8000-8010", "unix@/run/hakit.sock", "/run/x.sock"})
  void of_listeningForms_areAccepted(String address) {
    Bind bind = Bind.of(Endpoint.parse(address));

    assertThat(bind.address()).isEqualTo(Endpoint.parse(address));
    assertThat(bind.name()).isNull();
    assertThat(bind.maxconn()).isZero();
    assertThat(bind.backlog()).isZero();
    assertThat(bind.options()).isEmpty();
    assertThat(bind.origin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void constructor_noPort_namesBindAndOrigin() {
    // haproxy: 'bind' : missing port specification in '127.0.0.1'
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Bind(Endpoint.parse("127.0.0.1"), null, 0, 0, List.of(), AT))
        .withMessage("haproxy.cfg:7: bind '127.0.0.1': port: missing (expected: a port or a port range)")
        .satisfies(e -> assertThat(e.origin()).isEqualTo(AT));
  }

  @Test
  void constructor_portOffset_isRejected() {
    // haproxy: port offset not permitted here in '127.0.0.1:+1'
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Bind(Endpoint.parse("127.0.0.1:+1"), null, 0, 0, List.of(), AT))
        .withMessageContaining("bind '127.0.0.1:+1': port: missing");
  }

  @Test
  void constructor_negativeMaxconnOrBacklog_isRejectedAtOrigin() {
    Endpoint address = Endpoint.parse(":80");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Bind(address, null, -1, 0, List.of(), AT))
        .withMessage("haproxy.cfg:7: bind maxconn: -1 (expected: >= 0, 0 = not set)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Bind(address, null, 0, -5, List.of(), AT))
        .withMessage("haproxy.cfg:7: bind backlog: -5 (expected: >= 0, 0 = not set)");
  }

  @Test
  void hasOption_keyword_matchesOptionsAsWritten() {
    Bind bind = new Bind(Endpoint.parse(":443"), "https", 100, 1024,
        List.of(Setting.of("accept-proxy"), Setting.of("crt", "/etc/ssl/site.pem")), AT);

    assertThat(bind.hasOption("accept-proxy")).isTrue();
    assertThat(bind.hasOption("crt")).isTrue();
    assertThat(bind.hasOption("ssl")).isFalse();
    assertThat(bind.name()).isEqualTo("https");
    assertThat(bind.maxconn()).isEqualTo(100);
    assertThat(bind.backlog()).isEqualTo(1024);
  }
}
