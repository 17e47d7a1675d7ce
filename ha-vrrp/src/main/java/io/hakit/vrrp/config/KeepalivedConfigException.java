package io.hakit.vrrp.config;

import io.hakit.core.HaException;
import java.util.List;
import java.util.stream.Collectors;

/** A keepalived.conf that cannot run; holds every error found (and the warnings), each with file:line. */
public class KeepalivedConfigException extends HaException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigDiagnostic> diagnostics;

  public KeepalivedConfigException(List<ConfigDiagnostic> diagnostics) {
    super(diagnostics.stream().filter(d -> d.severity() == ConfigDiagnostic.Severity.ERROR)
        .map(ConfigDiagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Errors and warnings, in file order. */
  public List<ConfigDiagnostic> diagnostics() {
    return diagnostics;
  }

  public List<ConfigDiagnostic> errors() {
    return diagnostics.stream().filter(d -> d.severity() == ConfigDiagnostic.Severity.ERROR).toList();
  }
}
