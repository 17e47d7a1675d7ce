package io.hakit.config.haproxy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code haproxy -c -f FILE...}: reads the files and prints HAProxy-style diagnostics. Exit status
 * as 2.6: 0 and "Configuration file is valid" when valid; 2 with HAProxy's "no listener" line when
 * valid but nothing listens; 1 when there are errors.
 */
public final class ConfigCheck {
  /** Exit status for a valid configuration. */
  public static final int VALID = 0;
  /** Exit status for an invalid configuration. */
  public static final int INVALID = 1;
  /** Exit status of a valid configuration without any listener (haproxy 2.6 does the same). */
  public static final int NO_LISTENER = 2;

  private ConfigCheck() {}

  /**
   * Checks the files as {@code haproxy -c} does.
   *
   * @param strict follow 2.6 exactly (see {@link Deviations})
   * @return the exit status
   */
  public static int run(List<Path> files, boolean strict, PrintStream out, PrintStream err) {
    return run(files, new HaproxyConfigReader.Options(strict, System.getenv()), out, err);
  }

  static int run(List<Path> files, HaproxyConfigReader.Options options, PrintStream out, PrintStream err) {
    String pid = "(" + ProcessHandle.current().pid() + ")";
    try {
      ConfigResult r = new HaproxyConfigReader(options).read(files);
      print(r.warnings(), pid, err);
      if (!r.warnings().isEmpty()) {
        err.println(Diagnostic.Severity.WARNING.label() + pid + " : config : Warnings were found.");
      }
      boolean listens = r.model().frontends().stream().anyMatch(f -> !f.binds().isEmpty());
      if (!listens) {
        out.println("Configuration file has no error but will not start (no listener) => exit(2).");
        return NO_LISTENER;
      }
      out.println("Configuration file is valid");
      return VALID;
    } catch (ConfigException e) {
      print(e.warnings(), pid, err);
      print(e.errors(), pid, err);
      for (Path f : files) {
        err.println(Diagnostic.Severity.ALERT.label() + pid + " : config : Error(s) found in configuration file : "
            + f);
      }
      err.println(Diagnostic.Severity.ALERT.label() + pid + " : config : Fatal errors found in configuration.");
      return INVALID;
    }
  }

  private static void print(List<Diagnostic> diagnostics, String pid, PrintStream err) {
    for (Diagnostic d : diagnostics) {
      err.println(d.severity().label() + pid + " : config : " + d.haproxyText());
    }
  }
}
