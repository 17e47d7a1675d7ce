package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.Backend;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.Interop;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus under {@code cfg/<feature>/}: for every file, {@code haproxy -c -f} and HAKit in strict
 * mode must give the same verdict; the default mode too, except where {@link Deviations} says
 * otherwise (the legacy header address). For valid files without conditionals the model must hold
 * exactly the proxies the file declares.
 */
class HaproxyDifferentialIT {
  /** Variables the corpus uses, given to haproxy and HAKit alike. */
  private static final Map<String, String> CORPUS_ENV = Map.of("HAKIT_T1", "value1", "HAKIT_OPTS", "check inter 5s");
  private static final Pattern HEADER = Pattern.compile("(?m)^(frontend|backend|listen)\\s+([A-Za-z0-9_.:-]+)");

  private static Path haproxy;
  private static Map<String, String> env;

  @BeforeAll
  static void prerequisites() {
    Interop.require(Interop.binary("haproxy"));
    haproxy = Interop.findBinary("haproxy");
    env = new HashMap<>(System.getenv());
    env.putAll(CORPUS_ENV);
  }

  static List<Path> corpus() throws IOException, URISyntaxException {
    Path root = Path.of(HaproxyDifferentialIT.class.getClassLoader().getResource("cfg").toURI());
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> verdicts_sameAsHaproxy() throws IOException, URISyntaxException {
    List<Path> files = corpus();
    assertThat(files).hasSizeGreaterThanOrEqualTo(80);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(),
        () -> compare(f)));
  }

  private static void compare(Path file) throws IOException, InterruptedException {
    boolean haproxyValid = haproxyAccepts(file);
    Verdict strict = hakit(file, true);
    assertThat(strict.valid).as("strict verdict of %s (haproxy: %s); HAKit said: %s", file.getFileName(),
        haproxyValid, strict.detail).isEqualTo(haproxyValid);
    Verdict lenient = hakit(file, false);
    boolean deviation = file.getFileName().toString().contains("legacy");
    assertThat(lenient.valid).as("default-mode verdict of %s; HAKit said: %s", file, lenient.detail)
        .isEqualTo(haproxyValid || deviation);
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    if (strict.model != null && !text.contains(".if")) {
      assertDeclaredProxies(text, strict.model);
    }
  }

  private static void assertDeclaredProxies(String text, ProxyModel model) {
    Set<String> frontends = new LinkedHashSet<>();
    Set<String> backends = new LinkedHashSet<>();
    Matcher m = HEADER.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals("backend")) {
        frontends.add(m.group(2));
      }
      if (!m.group(1).equals("frontend")) {
        backends.add(m.group(2));
      }
    }
    assertThat(model.frontends()).extracting(Frontend::name).containsExactlyElementsOf(frontends);
    assertThat(model.backends()).extracting(Backend::name).containsExactlyElementsOf(backends);
  }

  private record Verdict(boolean valid, String detail, ProxyModel model) {}

  private static Verdict hakit(Path file, boolean strict) {
    try {
      ConfigResult r = new HaproxyConfigReader(new HaproxyConfigReader.Options(strict, env)).read(List.of(file));
      return new Verdict(true, r.warnings().toString(), r.model());
    } catch (ConfigException e) {
      assertThat(e.errors()).allSatisfy(d -> assertThat(d.message()).isNotBlank());
      return new Verdict(false, e.getMessage(), null);
    }
  }

  private static boolean haproxyAccepts(Path file) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(haproxy.toString(), "-c", "-q", "-f", file.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(CORPUS_ENV);
    Process p = pb.start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("haproxy -c did not finish within 30 s on " + file);
      }
    } finally {
      p.destroyForcibly();
    }
    int rc = p.exitValue();
    return rc == 0 || rc == 2;
  }
}
