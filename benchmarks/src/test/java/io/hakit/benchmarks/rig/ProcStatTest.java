package io.hakit.benchmarks.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  /** A /proc/PID/stat line with utime 1234, stime 567, 23 threads and 4096 resident pages. */
  private static String statLine(String comm) {
    return "4242 (" + comm + ") S 1 4242 4242 0 -1 4194560 9876 0 12 0 1234 567 0 0 20 0 23 0"
        + " 107348 3133440000 4096 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 0 0 0"
        + " 0 0 0 0 0 0 0 0 0 0\n";
  }

  @Test
  void parse_statLine_sumsUtimeAndStimeAndReadsRss() {
    ProcStat stat = ProcStat.parse(statLine("haproxy"));

    assertThat(stat.cpuTicks()).isEqualTo(1234 + 567);
    assertThat(stat.cpuSeconds()).isEqualTo(18.01);
    assertThat(stat.threads()).isEqualTo(23);
    assertThat(stat.rssPages()).isEqualTo(4096);
    assertThat(stat.rssBytes()).isEqualTo(4096L * 4096);
  }

  @Test
  void parse_commWithSpacesAndParentheses_countsFieldsFromTheLastParenthesis() {
    ProcStat stat = ProcStat.parse(statLine("a) b (c"));

    assertThat(stat.cpuTicks()).isEqualTo(1801);
    assertThat(stat.rssPages()).isEqualTo(4096);
  }

  @Test
  void parse_truncatedLine_failsClearly() {
    assertThatThrownBy(() -> ProcStat.parse("4242 (java) S 1 4242"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too few fields");
    assertThatThrownBy(() -> ProcStat.parse("not a stat line"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a /proc/PID/stat line");
  }

  @Test
  void read_thisJvm_seesItsThreadsAndMemory() {
    ProcStat stat = ProcStat.read(ProcessHandle.current().pid());

    assertThat(stat.threads()).isGreaterThan(1);
    assertThat(stat.rssBytes()).isGreaterThan(1024 * 1024);
  }
}
