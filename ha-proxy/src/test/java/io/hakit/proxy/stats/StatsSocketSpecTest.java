package io.hakit.proxy.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.HaException;
import io.hakit.core.Origin;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Setting;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.CliClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsSocketSpecTest {
  private static Setting socket(String... args) {
    return new Setting("stats", List.of(args), Origin.of("h.cfg", 3));
  }

  @Test
  void of_unixPathWithModeAndLevel_parsed() {
    GlobalSettings g = GlobalSettings.builder().statsSocket(socket("socket", "/run/h.sock", "mode", "660", "level",
        "admin", "expose-fd", "listeners")).other(new Setting("stats", List.of("timeout", "2m"), Origin.UNKNOWN))
        .other(new Setting("stats", List.of("maxconn", "3"), Origin.UNKNOWN)).build();
    StatsSocketSpec s = StatsSocketSpec.of(g).get(0);
    assertThat(s.unixPath()).isEqualTo(Path.of("/run/h.sock"));
    assertThat(s.mode()).isEqualTo(0660);
    assertThat(s.level()).isEqualTo(CliLevel.ADMIN);
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.maxconn()).isEqualTo(3);
  }

  @Test
  void of_defaults_operatorTenSecondsTenConnections() {
    StatsSocketSpec s = StatsSocketSpec.of(GlobalSettings.builder().statsSocket(socket("socket", "/s")).build()).get(0);
    assertThat(s.level()).isEqualTo(CliLevel.OPERATOR);
    assertThat(s.mode()).isEqualTo(-1);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxconn()).isEqualTo(10);
  }

  @Test
  void of_badLevelOrMode_clearError() {
    assertThatThrownBy(() -> StatsSocketSpec.of(GlobalSettings.builder().statsSocket(socket("socket", "/s", "level",
        "root")).build())).isInstanceOf(HaException.class)
        .hasMessage("stats socket: 'level' only supports 'user', 'operator', and 'admin' (got 'root') at h.cfg:3");
    assertThatThrownBy(() -> StatsSocketSpec.of(GlobalSettings.builder().statsSocket(socket("socket", "/s", "mode",
        "rw")).build())).isInstanceOf(HaException.class).hasMessageContaining("'mode' expects an octal value");
  }

  @Test
  void open_ipv4Address_servesTheCliOverTcp() throws Exception {
    int port = FreePorts.next();
    StatsSocketSpec spec = StatsSocketSpec.of(GlobalSettings.builder()
        .statsSocket(socket("socket", "ipv4@127.0.0.1:" + port, "level", "user")).build()).get(0);
    assertThat(spec.tcp()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
    ProxyStats stats = new ProxyStats(ProxyModel.builder().build(), List.of(), 1, () -> 0);
    try (StatsSocket s = StatsSocket.open(spec, stats)) {
      assertThat(CliClient.exchange(s.spec().address(), "show cli level; show backend\n", Duration.ofSeconds(5)))
          .isEqualTo("user\n\n# name\n\n");
    }
  }

  @Test
  void split_semicolonsAndEscapes() {
    assertThat(CliSession.split("show stat; get weight a/b ;;")).containsExactly(List.of("show", "stat"),
        List.of("get", "weight", "a/b"));
    assertThat(CliSession.split("set server a\\;b/c state ready")).containsExactly(
        List.of("set", "server", "a;b/c", "state", "ready"));
    assertThat(CliSession.split("   ")).isEmpty();
  }
}
