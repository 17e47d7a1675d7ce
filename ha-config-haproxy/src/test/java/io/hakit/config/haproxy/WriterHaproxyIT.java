package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link HaproxyConfigWriter} writes from generated models, the real {@code haproxy -c} accepts. */
class WriterHaproxyIT {
  private static final int MODELS = 15;

  @BeforeAll
  static void prerequisites() {
    Interop.require(Interop.binary("haproxy"));
  }

  @Test
  void write_generatedModels_acceptedByHaproxy(@TempDir Path dir) throws IOException, InterruptedException {
    Path haproxy = Interop.findBinary("haproxy");
    HaproxyConfigWriter writer = new HaproxyConfigWriter();
    for (long seed = 1; seed <= MODELS; seed++) {
      Path file = dir.resolve("gen-" + seed + ".cfg");
      Files.writeString(file, writer.write(new ModelGenerator(seed).model()), StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(haproxy.toString(), "-c", "-f", file.toString()).redirectErrorStream(true)
          .start();
      String output;
      try {
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("haproxy -c finished").isTrue();
      } finally {
        p.destroyForcibly();
      }
      assertThat(p.exitValue()).as("haproxy -c on seed %d:%n%s%n%s", seed, output, Files.readString(file))
          .isIn(0, 2);
    }
  }
}
