package io.hakit.examples.cli;

import io.hakit.core.internal.Suggestions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar hakit.jar COMMAND ...}: the one command-line tool for users and operators.
 * Exit status: 0 success, 1 failure of the command, 2 usage error.
 */
public final class HakitMain {
  static final int EXIT_USAGE = 2;

  private final Map<String, Command> commands = new LinkedHashMap<>();

  HakitMain(List<Command> commands) {
    for (Command c : commands) {
      this.commands.put(c.name(), c);
    }
  }

  /** The commands this build offers, in the order {@code --help} lists them. */
  static HakitMain standard() {
    return new HakitMain(Commands.all());
  }

  public static void main(String[] args) {
    int status = standard().run(Arrays.asList(args), System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(status);
  }

  int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("hakit: missing command");
      printHelp(err);
      return EXIT_USAGE;
    }
    String first = args.get(0);
    switch (first) {
      case "-h", "--help", "help" -> {
        printHelp(out);
        return 0;
      }
      case "-v", "--version", "version" -> {
        out.println("HAKit version " + Version.current());
        return 0;
      }
      default -> { }
    }
    Command command = commands.get(first);
    if (command == null) {
      List<String> names = new ArrayList<>(commands.keySet());
      String hint = Suggestions.closest(first, names);
      err.println("hakit: unknown " + (first.startsWith("-") ? "option" : "command") + " '" + first + "'"
          + (hint != null ? "; did you mean '" + hint + "'?" : "") + " (see 'hakit --help')");
      return EXIT_USAGE;
    }
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      out.println(command.usage());
      return 0;
    }
    try {
      return command.run(rest, out, err);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(command.usage());
      return EXIT_USAGE;
    } catch (Exception e) {
      err.println("hakit " + command.name() + ": " + e.getMessage());
      return 1;
    }
  }

  private void printHelp(PrintStream out) {
    out.println("Usage: java -jar hakit.jar COMMAND [OPTIONS]");
    out.println();
    out.println("HAKit " + Version.current() + ": HAProxy + keepalived for the JVM.");
    out.println();
    out.println("Commands:");
    for (Command c : commands.values()) {
      out.printf("  %-8s %s%n", c.name(), c.summary());
    }
    out.println();
    out.println("Options:");
    out.println("  -h, --help     this help; 'hakit COMMAND --help' for a command's options");
    out.println("  -v, --version  print the version");
  }
}
