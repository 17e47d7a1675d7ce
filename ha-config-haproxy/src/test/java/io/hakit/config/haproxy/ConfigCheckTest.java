package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Path seed() throws IOException {
    Path f = dir.resolve("haproxy.cfg");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("seed/haproxy.cfg")) {
      Files.write(f, in.readAllBytes());
    }
    return f;
  }

  private int run(boolean strict, Path... files) {
    return ConfigCheck.run(List.of(files), strict, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_seedDefaultMode_isValidWithLegacyWarning() throws IOException {
    Path f = seed();
    assertThat(run(false, f)).isEqualTo(ConfigCheck.VALID);
    assertThat(out()).isEqualTo("Configuration file is valid" + System.lineSeparator());
    assertThat(err()).contains("[WARNING]  (").contains(" : config : parsing [" + f + ":53] : ")
        .contains("bind *:5000").contains("Warnings were found.").doesNotContain("[ALERT]");
  }

  @Test
  void run_seedStrict_failsLikeHaproxy() throws IOException {
    Path f = seed();
    assertThat(run(true, f)).isEqualTo(ConfigCheck.INVALID);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("[ALERT]    (").contains("parsing [" + f + ":53] : please use the 'bind' keyword for"
        + " listening addresses.").contains("parsing [" + f + ":58] : 'listen' or 'defaults' expected.")
        .contains("Error(s) found in configuration file : " + f).contains("Fatal errors found in configuration.");
  }

  @Test
  void run_badLogFormats_haproxysPostParseWordingAtTheStatementLine() throws IOException {
    Path f = Files.writeString(dir.resolve("lf.cfg"), String.join("\n", "defaults", " mode http",
        " log-format \"%ci %Zz\"", "frontend fe", " bind 127.0.0.1:8001", " unique-id-format \"%[nosuch]\"",
        " default_backend be", "backend be", " server s1 127.0.0.1:8080", ""));
    assertThat(run(false, f)).isEqualTo(ConfigCheck.INVALID);
    // haproxy 2.6.12 -c prints the same two lines.
    assertThat(err()).contains(" : config : Parsing [" + f + ":3]: failed to parse log-format : no such format variable"
        + " 'Zz'. If you wanted to emit the '%' character verbatim, you need to use '%%'.")
        .contains(" : config : Parsing [" + f + ":6]: failed to parse unique-id : failed to parse sample expression"
            + " <nosuch]> : unknown fetch method 'nosuch'.");
  }

  @Test
  void run_noListener_exitsTwoLikeHaproxy() throws IOException {
    Path f = Files.writeString(dir.resolve("b.cfg"), "backend be\n server s1 127.0.0.1:8080\n");
    assertThat(run(false, f)).isEqualTo(ConfigCheck.NO_LISTENER);
    assertThat(out()).contains("Configuration file has no error but will not start (no listener) => exit(2).");
  }

  @Test
  void run_severalFiles_eachStartsOutsideASection() throws IOException {
    Path a = Files.writeString(dir.resolve("a.cfg"), "frontend fe\n bind 127.0.0.1:8001\n default_backend be\n");
    Path b = Files.writeString(dir.resolve("b.cfg"), " mode http\nbackend be\n server s1 127.0.0.1:8080\n");
    assertThat(run(false, a, b)).isEqualTo(ConfigCheck.INVALID);
    assertThat(err()).contains("parsing [" + b + ":1] : unknown keyword 'mode' out of section.");
  }

  @Test
  void run_missingFile_isAnError() {
    assertThat(run(false, dir.resolve("nope.cfg"))).isEqualTo(ConfigCheck.INVALID);
    assertThat(err()).contains("No such file or directory");
  }

  @Test
  void run_misspelling_suggestsTheKeyword() throws IOException {
    Path f = Files.writeString(dir.resolve("c.cfg"), "backend be\n balanse roundrobin\n server s 127.0.0.1:1 chek\n");
    assertThat(run(false, f)).isEqualTo(ConfigCheck.INVALID);
    assertThat(err()).contains("unknown keyword 'balanse' in 'backend' section; did you mean 'balance' maybe ?")
        .contains("'server be/s' : unknown keyword 'chek'; did you mean 'check' maybe ?");
  }
}
