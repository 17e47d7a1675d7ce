package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.util.Objects;

/**
 * One problem found in a keepalived.conf: an error (the configuration cannot run) or a warning
 * (something was ignored or adjusted, as keepalived would say).
 */
public record ConfigDiagnostic(Severity severity, Origin origin, String message) {
  /** How bad. */
  public enum Severity {
    WARNING,
    ERROR
  }

  public ConfigDiagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  /** {@code keepalived.conf:12: unknown keyword 'foo' in vrrp_instance VI_1}. */
  @Override
  public String toString() {
    return origin + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
  }
}
