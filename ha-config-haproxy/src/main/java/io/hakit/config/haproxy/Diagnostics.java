package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one read, in order. Handlers report through it and never format
 * locations themselves. Also remembers that HAProxy would stop reading the current file
 * ({@link #abortFile}), which some errors do.
 */
final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();
  private int errorCount;
  private boolean abortFile;

  void error(Origin origin, String message) {
    all.add(new Diagnostic(Diagnostic.Severity.ALERT, origin, message));
    errorCount++;
  }

  void warning(Origin origin, String message) {
    all.add(new Diagnostic(Diagnostic.Severity.WARNING, origin, message));
  }

  void notice(Origin origin, String message) {
    all.add(new Diagnostic(Diagnostic.Severity.NOTICE, origin, message));
  }

  /** An error after which HAProxy reads no further line of the file. */
  void fatal(Origin origin, String message) {
    error(origin, message);
    abortFile = true;
  }

  boolean fileAborted() {
    return abortFile;
  }

  void startFile() {
    abortFile = false;
  }

  int errorCount() {
    return errorCount;
  }

  boolean hasErrors() {
    return errorCount > 0;
  }

  List<Diagnostic> errors() {
    return all.stream().filter(Diagnostic::isError).toList();
  }

  List<Diagnostic> nonErrors() {
    return all.stream().filter(d -> !d.isError()).toList();
  }

  List<Diagnostic> all() {
    return List.copyOf(all);
  }
}
