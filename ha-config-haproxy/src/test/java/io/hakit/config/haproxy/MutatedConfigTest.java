package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever a mutated configuration looks like, reading it either yields a model or a
 * {@link ConfigException} whose every error names a file line; never another exception, never an
 * error without a position. Mutations are seeded (reproducible) and bounded in count and time.
 */
class MutatedConfigTest {
  private static final long SEED = 0x4841_4B49_54L;
  private static final int MUTANTS = 2000;
  private static final long BUDGET_NANOS = 5_000_000_000L;
  private static final String[] SNIPPETS = {"\"", "'", "\\", "\\x", "${", "$", "#", "{", "}", "!", "||", " if ",
      " unless ", "\n", "\r", "\t", ":", ",", "(", ")", "[", ".if 1\n", ".endif\n", ".else\n", "no ", "default ",
      " 0", " -1", " 99999999999", " 1.5s", " *:0", " 70000", "\u00e9", "\u00ef\u00bb\u00bf", " from ", " global ",
      "\nfrontend f\n", "\nbackend b\n", "\nlisten l\n", "\ndefaults d\n", " ssl", " check", "\"\"", " -m", " -f"};

  private static List<String> seeds() throws IOException, URISyntaxException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = MutatedConfigTest.class.getClassLoader().getResourceAsStream("seed/haproxy.cfg")) {
      texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    for (Path p : HaproxyDifferentialIT.corpus()) {
      texts.add(Files.readString(p, StandardCharsets.UTF_8));
    }
    return texts;
  }

  private static String mutate(String text, Random r) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(5)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
        case 2 -> sb.setLength(at);
        case 3 -> {
          int end = Math.min(sb.length(), at + 1 + r.nextInt(40));
          sb.insert(r.nextInt(sb.length()), sb.substring(at, end));
        }
        default -> sb.setCharAt(at, (char) (r.nextInt(2) == 0 ? ' ' + r.nextInt(95) : r.nextInt(32)));
      }
    }
    return sb.toString();
  }

  @Test
  void read_mutatedConfigs_failOnlyWithPositionedConfigException() throws IOException, URISyntaxException {
    List<String> seeds = seeds();
    Random r = new Random(SEED);
    HaproxyConfigReader reader = new HaproxyConfigReader(new HaproxyConfigReader.Options(false,
        Map.of("HAKIT_T1", "value1")));
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int done = 0;
    int rejected = 0;
    for (; done < MUTANTS && System.nanoTime() < deadline; done++) {
      String mutant = mutate(seeds.get(r.nextInt(seeds.size())), r);
      try {
        reader.read("m.cfg", mutant);
      } catch (ConfigException e) {
        rejected++;
        assertThat(e.errors()).as("mutant %d:%n%s", done, mutant).isNotEmpty().allSatisfy(d -> {
          assertThat(d.origin().file()).isEqualTo("m.cfg");
          assertThat(d.origin().line()).isPositive();
          assertThat(d.message()).isNotBlank();
        });
      } catch (RuntimeException e) {
        throw new AssertionError("mutant " + done + " raised " + e + ":\n" + mutant, e);
      }
    }
    assertThat(done).isGreaterThan(500);
    assertThat(rejected).isPositive().isLessThan(done);
  }
}
