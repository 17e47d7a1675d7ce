package io.hakit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int hakit(String... args) {
    return HakitMain.standard().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path seed() throws Exception {
    Path cfg = dir.resolve("haproxy.cfg");
    try (InputStream in = getClass().getResourceAsStream("/seed/haproxy.cfg")) {
      Files.write(cfg, in.readAllBytes());
    }
    return cfg;
  }

  @Test
  void check_seed_validWithLegacyHeaderWarning() throws Exception {
    int status = hakit("check", "-f", seed().toString());

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Configuration file is valid");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("haproxy.cfg:53]").contains("bind *:5000");
  }

  @Test
  void check_seedStrict_rejectedLikeHaproxy26() throws Exception {
    int status = hakit("check", "--strict", "-f", seed().toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("haproxy.cfg:53] : please use the 'bind' keyword for listening addresses.")
        .contains("Fatal errors found in configuration.");
  }

  @Test
  void check_misspeltKeyword_namesFileLineAndSuggestion() throws Exception {
    Path cfg = dir.resolve("bad.cfg");
    Files.writeString(cfg, "defaults\n  mode http\nbackend be\n  balanse roundrobin\n");

    int status = hakit("check", "-f", cfg.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.cfg:4]").contains("balanse").contains("balance");
  }

  @Test
  void check_withoutFile_usageError() {
    int status = hakit("check");

    assertThat(status).isEqualTo(HakitMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing '-f FILE'");
  }

  @Test
  void proxy_unknownTransport_usageError() throws Exception {
    int status = hakit("proxy", "-f", seed().toString(), "--transport", "io_uring");

    assertThat(status).isEqualTo(HakitMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--transport 'io_uring' (expected: auto, epoll or nio)");
  }

  @Test
  void proxy_invalidConfig_refusesToStart() throws Exception {
    Path cfg = dir.resolve("bad.cfg");
    Files.writeString(cfg, "frontend fe\n  bind 127.0.0.1:1\n  default_backend missing\n");

    int status = hakit("proxy", "-f", cfg.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.cfg:").contains("missing");
  }
}
