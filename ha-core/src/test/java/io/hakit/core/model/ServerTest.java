package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 42);

  @Test
  void builder_defaults_areHaproxyDefaults() {
    Server s = Server.builder("s1", "127.0.0.1:8080").build();

    assertThat(s.name()).isEqualTo("s1");
    assertThat(s.address()).isEqualTo(Endpoint.parse("127.0.0.1:8080"));
    assertThat(s.weight()).isEqualTo(Server.DEFAULT_WEIGHT).isEqualTo(1);
    assertThat(s.backup()).isFalse();
    assertThat(s.disabled()).isFalse();
    assertThat(s.check()).isEqualTo(ServerCheck.DISABLED);
    assertThat(s.maxconn()).isZero();
    assertThat(s.maxqueue()).isZero();
    assertThat(s.sendProxy()).isFalse();
    assertThat(s.slowstart()).isNull();
    assertThat(s.cookie()).isNull();
    assertThat(s.idlePool()).isEqualTo(IdleConnectionPool.DEFAULT);
    assertThat(s.options()).isEmpty();
    assertThat(s.origin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void builder_everyField_isKept() {
    Server s = Server.builder("web-1", Endpoint.parse("[::1]:8443"))
        .weight(256)
        .backup(true)
        .disabled(true)
        .check(ServerCheck.ENABLED)
        .maxconn(100)
        .maxqueue(10)
        .sendProxy(true)
        .slowstart(Duration.ofSeconds(30))
        .cookie("w1")
        .idlePool(new IdleConnectionPool(3, 1, Duration.ofSeconds(2)))
        .option(Setting.of("ssl"))
        .origin(AT)
        .build();

    assertThat(s.weight()).isEqualTo(256);
    assertThat(s.backup()).isTrue();
    assertThat(s.disabled()).isTrue();
    assertThat(s.check().enabled()).isTrue();
    assertThat(s.maxconn()).isEqualTo(100);
    assertThat(s.maxqueue()).isEqualTo(10);
    assertThat(s.sendProxy()).isTrue();
    assertThat(s.slowstart()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.cookie()).isEqualTo("w1");
    assertThat(s.idlePool()).isEqualTo(new IdleConnectionPool(3, 1, Duration.ofSeconds(2)));
    assertThat(s.options()).containsExactly(Setting.of("ssl"));
    assertThat(s.origin()).isEqualTo(AT);
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void toBuilder_change_leavesOriginalAlone() {
    Server s = Server.builder("s1", "127.0.0.1:80").weight(5).origin(AT).build();

    Server heavier = s.toBuilder().weight(50).build();

    assertThat(heavier.weight()).isEqualTo(50);
    assertThat(heavier.origin()).isEqualTo(AT);
    assertThat(s.weight()).isEqualTo(5);
  }

  @ParameterizedTest(name = "weight {0}")
  @ValueSource(ints = {0, 1, 128, 256})
  void weight_inRange_isAccepted(int weight) {
    assertThat(Server.builder("s1", "127.0.0.1:80").weight(weight).build().weight()).isEqualTo(weight);
  }

  @ParameterizedTest(name = "weight {0}")
  @ValueSource(ints = {-1, 257, Integer.MAX_VALUE})
  void weight_outOfRange_namesServerAndRangeAtOrigin(int weight) {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:80").weight(weight).origin(AT).build())
        .withMessage("haproxy.cfg:42: server 's1': weight: " + weight + " (expected: 0-256)")
        .satisfies(e -> assertThat(e.origin()).isEqualTo(AT));
  }

  @Test
  void maxconnAndMaxqueue_negative_areRejected() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:80").maxconn(-1).origin(AT).build())
        .withMessage("haproxy.cfg:42: server 's1': maxconn: -1 (expected: >= 0, 0 = not set)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:80").maxqueue(-1).origin(AT).build())
        .withMessage("haproxy.cfg:42: server 's1': maxqueue: -1 (expected: >= 0, 0 = not set)");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "a b", "s/1", "s#1", "é"})
  void name_invalid_namesValueAndAllowedCharacters(String name) {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder(name, "127.0.0.1:80").origin(AT).build())
        .withMessage("haproxy.cfg:42: server name: '" + name + "' (expected: letters, digits, '_', '.', ':' or '-')");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"s1", "S_1", "app.web-01", "db:primary"})
  void name_haproxyCharacters_isAccepted(String name) {
    assertThat(Server.builder(name, "127.0.0.1:80").build().name()).isEqualTo(name);
  }

  @Test
  void address_portRange_isRejected() {
    // haproxy: 'server b/s' : port range not permitted here in '127.0.0.1:8000-8010'
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:8000-8010").origin(AT).build())
        .withMessage("haproxy.cfg:42: server 's1': address: port range 127.0.0.1:8000-8010"
            + " (expected: one port, no port, or +/- offset)");
  }

  @Test
  void address_wildcard_isRejected() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "*:80").origin(AT).build())
        .withMessageContaining("server 's1': address: wildcard *:80 (expected: an address or host name)");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"127.0.0.1", "127.0.0.1:+1000", "127.0.0.1:-1", "localhost:80", "unix@/run/app.sock",
      "ipv6@::1:80"})
  void address_serverForms_areAccepted(String address) {
    assertThat(Server.builder("s1", address).build().address()).isEqualTo(Endpoint.parse(address));
  }

  @Test
  void slowstart_zeroOrNegative_isRejected() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:80").slowstart(Duration.ZERO).origin(AT).build())
        .withMessage("haproxy.cfg:42: server 's1': slowstart: PT0S (expected: > 0)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:80").slowstart(Duration.ofSeconds(-1)).build());
  }

  @Test
  void builder_badAddressText_failsAsEndpoint() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Server.builder("s1", "127.0.0.1:0"))
        .withMessage("address '127.0.0.1:0': port 0 (expected: 1-65535)");
  }

  @Test
  void options_afterBuild_cannotChange() {
    Server s = Server.builder("s1", "127.0.0.1:80").option(Setting.of("ssl")).build();

    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> s.options().add(Setting.of("verify", "none")));
  }
}
