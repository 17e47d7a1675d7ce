package io.hakit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code target/hakit.jar} runs on its own: every dependency is inside. */
class HakitJarIT {
  static final Path JAR = Path.of("target", "hakit.jar");

  static ProcessResult runJar(String... args) throws Exception {
    assertThat(JAR).as("packaged jar").exists();
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("hakit.jar did not exit within 60 s");
    }
    return new ProcessResult(p.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  record ProcessResult(int exitCode, String output) {}

  @Test
  void jar_version_runsStandalone() throws Exception {
    ProcessResult r = runJar("--version");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).startsWith("HAKit version ");
  }

  @Test
  void jar_unknownCommand_exitsWithUsageStatus() throws Exception {
    ProcessResult r = runJar("no-such-command");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("unknown command 'no-such-command'");
    assertThat(Files.size(JAR)).isGreaterThan(1_000_000L);
  }
}
