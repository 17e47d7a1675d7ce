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
    try {
      ConfigResult r = new HaproxyConfigReader(options).read(files);
      print(r.warnings(), err);
      if (!r.warnings().isEmpty()) {
        err.println(line(Diagnostic.Severity.WARNING, "Warnings were found."));
      }
      boolean listens = r.model().frontends().stream().anyMatch(f -> !f.binds().isEmpty());
      if (!listens) {
        out.println("Configuration file has no error but will not start (no listener) => exit(2).");
        return NO_LISTENER;
      }
      out.println("Configuration file is valid");
      return VALID;
    } catch (ConfigException e) {
      print(e.warnings(), err);
      print(e.errors(), err);
      for (Path f : files) {
        err.println(line(Diagnostic.Severity.ALERT, "Error(s) found in configuration file : " + f));
      }
      err.println(line(Diagnostic.Severity.ALERT, "Fatal errors found in configuration."));
      return INVALID;
    }
  }

  /** Prints diagnostics one per line as HAProxy does on stderr: {@code [WARNING]  (pid) : config : ...}. */
  public static void print(List<Diagnostic> diagnostics, PrintStream err) {
    for (Diagnostic d : diagnostics) {
      err.println(line(d.severity(), d.haproxyText()));
    }
  }

  /** One stderr line in HAProxy's format: the padded severity label, this process's pid, {@code config}. */
  public static String line(Diagnostic.Severity severity, String text) {
    return severity.label() + "(" + ProcessHandle.current().pid() + ") : config : " + text;
  }
}
