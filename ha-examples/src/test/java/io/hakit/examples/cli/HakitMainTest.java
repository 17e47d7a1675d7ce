package io.hakit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HakitMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(HakitMain main, String... args) {
    return main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static HakitMain withEcho() {
    return new HakitMain(List.of(new EchoCommand()));
  }

  @Test
  void run_help_listsEveryCommandAndExitsZero() {
    int status = run(withEcho(), "--help");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar hakit.jar COMMAND")
        .contains("echo").contains("prints its arguments");
  }

  @Test
  void run_version_printsProjectVersion() {
    int status = run(HakitMain.standard(), "--version");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).matches("HAKit version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void run_noCommand_usageErrorWithHelp() {
    int status = run(withEcho());

    assertThat(status).isEqualTo(HakitMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing command").contains("Commands:");
  }

  @Test
  void run_misspeltCommand_suggestsTheClosest() {
    int status = run(withEcho(), "ecoh");

    assertThat(status).isEqualTo(HakitMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'ecoh'; did you mean 'echo'?");
  }

  @Test
  void run_unknownTopLevelOption_isNamed() {
    int status = run(withEcho(), "--frobnicate");

    assertThat(status).isEqualTo(HakitMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--frobnicate'");
  }

  @Test
  void run_unknownCommandOption_namedWithSuggestionAndUsage() {
    int status = run(withEcho(), "echo", "--uppper", "x");

    assertThat(status).isEqualTo(HakitMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("hakit echo: unknown option '--uppper'; did you mean '--upper'?")
        .contains("Usage: hakit echo");
  }

  @Test
  void run_commandHelp_printsItsUsage() {
    int status = run(withEcho(), "echo", "--help");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: hakit echo");
  }

  @Test
  void run_knownCommand_runsWithItsFlags() {
    int status = run(withEcho(), "echo", "--upper", "a", "b");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("A B" + System.lineSeparator());
  }

  /** A command with one switch, to test the dispatcher and flag parsing on their own. */
  private static final class EchoCommand implements Command {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public String summary() {
      return "prints its arguments";
    }

    @Override
    public String usage() {
      return "Usage: hakit echo [--upper] WORD...";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
      Flags flags = Flags.parse(name(), args, java.util.Set.of("--upper"), java.util.Set.of());
      String text = String.join(" ", flags.positional());
      out.println(flags.has("--upper") ? text.toUpperCase(java.util.Locale.ROOT) : text);
      return 0;
    }
  }
}
