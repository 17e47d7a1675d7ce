package io.hakit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code hakit vrrp}: everything decided before any socket is opened. */
class VrrpCliCommandTest {
  private final VrrpCliCommand command = new VrrpCliCommand();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  private int run(String... args) {
    return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_help_printsUsageAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("usage: hakit vrrp").contains("-f, --use-file FILE");
  }

  @Test
  void usage_sameTextAsHelp() {
    assertThat(run("-h")).isZero();
    assertThat(out()).isEqualTo(command.usage());
    assertThat(command.summary()).contains("keepalived -n -f");
    assertThat(command.name()).isEqualTo("vrrp");
  }

  @Test
  void run_fileTwice_usageErrorExitsTwo() {
    assertThat(run("-f", "a.conf", "--use-file=b.conf")).isEqualTo(2);
    assertThat(err()).contains("-f given twice");
  }

  @Test
  void run_unknownOption_usageErrorExitsTwo() {
    assertThat(run("-x")).isEqualTo(2);
    assertThat(err()).contains("unknown option '-x'").contains("usage: hakit vrrp");
  }

  @Test
  void run_fileFlagWithoutName_usageErrorExitsTwo() {
    assertThat(run("-f")).isEqualTo(2);
    assertThat(err()).contains("-f needs a file name");
  }

  @Test
  void run_unreadableFile_exitsOneNamingIt() {
    Path missing = dir.resolve("missing.conf");

    assertThat(run("-f", missing.toString())).isEqualTo(1);
    assertThat(err()).contains("cannot read configuration file " + missing);
  }

  @Test
  void run_invalidConfig_printsFileLineDiagnosticsExitsOne() throws Exception {
    Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 300
          priority 100
          virtual_ipaddress {
            198.18.0.200/24
          }
        }
        """);

    assertThat(run("-n", "-l", "-D", "-f", conf.toString())).isEqualTo(1);
    assertThat(err()).contains("keepalived.conf:3");
  }

  @Test
  void run_configTestOfValidConfig_exitsZeroWithoutStarting() throws Exception {
    Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
        vrrp_instance VI_51 {
          interface eth0
          virtual_router_id 51
          priority 150
          virtual_ipaddress {
            198.18.0.200/24 dev eth0
          }
        }
        """);

    assertThat(run("--use-file=" + conf, "-t")).isZero();
    assertThat(out()).contains("is valid: 1 VRRP instance(s)");
  }
}
