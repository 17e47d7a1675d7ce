package io.hakit.benchmarks.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void parseList_default_isTheIssuesFiveScenarios() {
    assertThat(Scenario.parseList("default"))
        .containsExactly(
            Scenario.KA_SMALL, Scenario.CLOSE_SMALL, Scenario.KA_1MIB, Scenario.TCP, Scenario.IDLE);
  }

  @Test
  void parseList_names_keepTheirOrder() {
    assertThat(Scenario.parseList(" tcp, KA_small ,server_close"))
        .containsExactly(Scenario.TCP, Scenario.KA_SMALL, Scenario.SERVER_CLOSE);
  }

  @Test
  void parseList_tcpBodies_onlyByName() {
    assertThat(Scenario.parseList("tcp_splice_1mib,tcp_1mib"))
        .containsExactly(Scenario.TCP_SPLICE_1MIB, Scenario.TCP_1MIB);
    assertThat(Scenario.TCP_SPLICE_1MIB.listener().probePath()).isEqualTo(RigFiles.BIG_PATH);
    RigConfig.ProxyPorts ports = new RigConfig.ProxyPorts(1, 2, 3, 4, 5);
    assertThat(ports.port(Scenario.TCP_SPLICE_1MIB.listener())).isEqualTo(5);
    RigConfig.OriginPorts origins = new RigConfig.OriginPorts(6, 7, 8);
    assertThat(RigConfig.render(ports, origins, true))
        .contains("bind 127.0.0.1:5\n    option splice-auto\n    default_backend tcp_static")
        .contains("maxconn     9000\n    maxpipes    400\n").doesNotContain("9950");
    assertThat(RigConfig.render(ports, origins)).doesNotContain("splice").contains("maxconn     9950\n");
    assertThatThrownBy(() -> RigOptions.parse("--scenarios", "idle,tcp_splice_1mib"))
        .hasMessageContaining("run it apart from idle");
  }

  @Test
  void parseList_unknownName_listsTheKnownOnes() {
    assertThatThrownBy(() -> Scenario.parseList("ka_small,fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scenario 'fast'")
        .hasMessageContaining("close_small");
  }

  @Test
  void rigOptions_hakitCommand_isSplitOnWhitespace() {
    RigOptions options =
        RigOptions.parse("--hakit-cmd", "/usr/sbin/haproxy  -db -f", "--duration", "3");

    assertThat(options.hakitCommand()).containsExactly("/usr/sbin/haproxy", "-db", "-f");
    assertThat(options.durationSeconds()).isEqualTo(3);
    assertThatThrownBy(() -> RigOptions.parse("--duration", "0"))
        .hasMessageContaining("--duration must be at least 1");
  }
}
