package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.ProxyModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaproxyConfigWriterTest {
  private static final HaproxyConfigReader READER =
      new HaproxyConfigReader(new HaproxyConfigReader.Options(false, Map.of(), false));
  private static final HaproxyConfigWriter WRITER = new HaproxyConfigWriter();
  private static final int MODELS = 150;

  @Test
  void write_generatedModels_readBackEqual() {
    for (long seed = 1; seed <= MODELS; seed++) {
      ProxyModel model = new ModelGenerator(seed).model();
      String text = WRITER.write(model);
      ConfigResult back;
      try {
        back = READER.read("gen.cfg", text);
      } catch (ConfigException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + text, e);
      }
      assertThat(back.model()).as("seed %d:%n%s", seed, text).isEqualTo(model);
    }
  }

  @Test
  void write_seedModel_readsBackEqual() throws IOException {
    String seed;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("seed/haproxy.cfg")) {
      seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ProxyModel model = READER.read("haproxy.cfg", seed).model();
    String text = WRITER.write(model);
    assertThat(READER.read("written.cfg", text).model()).isEqualTo(model);
    assertThat(text).contains("frontend main\n").contains("    bind *:5000\n").contains("    default_backend app\n");
  }

  @Test
  void quote_specialWords_tokenizeBack() throws LineError {
    for (String w : new String[] {"plain", "two words", "#hash", "it's", "a\"b", "c\\d", "$HOME", "\t\n\r", "\u0001",
        "{", "é"}) {
      assertThat(LineTokenizer.tokenize(Words.quote(w), n -> null)).containsExactly(w);
    }
  }
}
