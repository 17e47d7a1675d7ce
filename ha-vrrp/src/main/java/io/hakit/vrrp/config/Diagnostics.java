package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics while reading; the reader throws once at the end if any is an error. */
final class Diagnostics {
  private final List<ConfigDiagnostic> all = new ArrayList<>();

  void error(Origin origin, String message) {
    all.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.ERROR, origin, message));
  }

  void warn(Origin origin, String message) {
    all.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.WARNING, origin, message));
  }

  boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == ConfigDiagnostic.Severity.ERROR);
  }

  List<ConfigDiagnostic> all() {
    return List.copyOf(all);
  }

  List<ConfigDiagnostic> warnings() {
    return all.stream().filter(d -> d.severity() == ConfigDiagnostic.Severity.WARNING).toList();
  }
}
