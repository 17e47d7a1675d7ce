package io.hakit.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.vrrp.transport.ThreadScheduling;
import org.junit.jupiter.api.Test;

/** keepalived's answers to a starved VRRP process, read from global_defs. */
class GlobalDefsSchedulingTest {
  private static final String INSTANCE = """
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 51
        virtual_ipaddress { 198.18.0.200 }
      }
      """;

  @Test
  void parse_vrrpPriorityRtPriorityNoSwap_scheduling() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", """
        global_defs {
          vrrp_priority -5
          vrrp_rt_priority 50
          vrrp_no_swap
        }
        """ + INSTANCE);
    assertThat(c.scheduling()).isEqualTo(new ThreadScheduling(-5, 50, true));
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void parse_noSchedulingKeywords_unchanged() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", "global_defs { router_id r1 }\n" + INSTANCE);
    assertThat(c.scheduling()).isEqualTo(ThreadScheduling.UNCHANGED);
  }

  @Test
  void parse_rtPriorityOutOfRange_errorWithLine() {
    assertThatThrownBy(() -> KeepalivedConfigReader.parse("k.conf", "global_defs {\n  vrrp_rt_priority 100\n}\n" + INSTANCE))
        .isInstanceOf(KeepalivedConfigException.class)
        .hasMessageContaining("k.conf:2")
        .hasMessageContaining("'vrrp_rt_priority': '100' (expected: an integer 1-99)");
  }

  @Test
  void parse_checkerPriority_warnedAsUnsupported() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", "global_defs {\n  checker_priority -5\n}\n" + INSTANCE);
    assertThat(c.scheduling()).isEqualTo(ThreadScheduling.UNCHANGED);
    assertThat(c.warnings()).singleElement().satisfies(w -> assertThat(w.toString()).contains("k.conf:2")
        .contains("'checker_priority'").contains("HAKit has no checker or BFD process"));
  }
}
