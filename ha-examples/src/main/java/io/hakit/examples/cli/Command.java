package io.hakit.examples.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code hakit COMMAND} of the command line. */
interface Command {
  /** The word after {@code hakit}. */
  String name();

  /** One line for {@code hakit --help}. */
  String summary();

  /** The command's own usage text, shown by {@code hakit COMMAND --help} and on a usage error. */
  String usage();

  /**
   * Runs the command. Foreground commands block until stopped (SIGTERM, Ctrl-C).
   *
   * @return the process exit status
   * @throws UsageException for bad flags or arguments
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
