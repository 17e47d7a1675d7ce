package io.hakit.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the interop rig on the reference parser: Debian's haproxy 2.6 rejects the seed's legacy
 * {@code frontend  main *:5000} header, and accepts the file once that line is split into
 * {@code frontend main} + {@code bind *:5000}.
 */
class HaproxyReferenceIT {
  @TempDir
  Path dir;

  @BeforeAll
  static void prerequisites() {
    Interop.require(Interop.binary("haproxy"));
  }

  @Test
  void haproxyCheck_seedLegacyFrontendLine_rejectedWithBindHint() throws Exception {
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, seed());

    Result r = haproxyCheck(cfg);

    assertThat(r.exitCode).isNotZero();
    assertThat(r.output).contains("haproxy.cfg:53] : please use the 'bind' keyword for listening addresses");
  }

  @Test
  void haproxyCheck_seedWithBindLine_valid() throws Exception {
    String fixed = seed().replace("frontend  main *:5000\n", "frontend main\n    bind *:5000\n");
    assertThat(fixed).isNotEqualTo(seed());
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, fixed);

    Result r = haproxyCheck(cfg);

    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("Configuration file is valid");
  }

  static String seed() throws IOException {
    try (InputStream in = HaproxyReferenceIT.class.getResourceAsStream("/seed/haproxy.cfg")) {
      assertThat(in).as("seed/haproxy.cfg on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Result(int exitCode, String output) {}

  private Result haproxyCheck(Path cfg) throws Exception {
    Process p = new ProcessBuilder(Interop.findBinary("haproxy").toString(), "-c", "-f", cfg.toString())
        .redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("haproxy -c did not finish within 30 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
