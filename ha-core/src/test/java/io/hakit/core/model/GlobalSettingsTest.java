package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.hakit.core.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalSettingsTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 4);

  @Test
  void default_hasNothingSet() {
    GlobalSettings g = GlobalSettings.DEFAULT;

    assertThat(g.maxconn()).isZero();
    assertThat(g.nbthread()).isZero();
    assertThat(g.logs()).isEmpty();
    assertThat(g.pidfile()).isNull();
    assertThat(g.daemon()).isFalse();
    assertThat(g.tune()).isEmpty();
    assertThat(g.origin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void builder_everyField_isKeptInOrder() {
    GlobalSettings g = GlobalSettings.builder()
        .maxconn(4000).nbthread(4)
        .log(new LogTarget("127.0.0.1", List.of("local2"), AT))
        .pidfile("/var/run/haproxy.pid").chroot("/var/lib/haproxy").user("haproxy").group("haproxy").daemon(true)
        .statsSocket(Setting.of("stats", "socket", "/var/lib/haproxy/stats"))
        .tune("tune.bufsize", "32768").tune("tune.maxrewrite", "1024")
        .other(Setting.of("ssl-default-bind-options", "no-sslv3"))
        .origin(AT)
        .build();

    assertThat(g.maxconn()).isEqualTo(4000);
    assertThat(g.nbthread()).isEqualTo(4);
    assertThat(g.logs()).extracting(LogTarget::address).containsExactly("127.0.0.1");
    assertThat(g.pidfile()).isEqualTo("/var/run/haproxy.pid");
    assertThat(g.chroot()).isEqualTo("/var/lib/haproxy");
    assertThat(g.user()).isEqualTo("haproxy");
    assertThat(g.group()).isEqualTo("haproxy");
    assertThat(g.daemon()).isTrue();
    assertThat(g.statsSockets()).hasSize(1);
    assertThat(g.tune()).containsExactly(
        org.assertj.core.api.Assertions.entry("tune.bufsize", "32768"),
        org.assertj.core.api.Assertions.entry("tune.maxrewrite", "1024"));
    assertThat(g.other()).extracting(Setting::keyword).containsExactly("ssl-default-bind-options");
  }

  @Test
  void maxconnAndNbthread_outOfRange_namedAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> GlobalSettings.builder().maxconn(-1).origin(AT).build())
        .withMessage("haproxy.cfg:4: global maxconn: -1 (expected: >= 0, 0 = not set)");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> GlobalSettings.builder().nbthread(4097).origin(AT).build())
        .withMessage("haproxy.cfg:4: nbthread: 4097 (expected: 0-4096)");
  }
}
