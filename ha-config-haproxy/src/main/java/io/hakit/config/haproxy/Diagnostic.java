package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.util.Objects;

/**
 * One message about a configuration: an error ({@link Severity#ALERT}), a warning or a notice, at
 * the line that caused it ({@link Origin#UNKNOWN} for whole-configuration checks, as HAProxy's
 * post-parse messages have no line either).
 *
 * @param message the text without location, e.g. {@code unknown keyword 'balanse' in 'backend'
 *     section; did you mean 'balance' maybe ?}
 */
public record Diagnostic(Severity severity, Origin origin, String message) {

  /** HAProxy's message levels. */
  public enum Severity {
    ALERT("[ALERT]    "),
    WARNING("[WARNING]  "),
    NOTICE("[NOTICE]   ");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    /** The padded label HAProxy starts its stderr lines with. */
    public String label() {
      return label;
    }
  }

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ALERT;
  }

  /** HAProxy's wording: {@code parsing [file:line] : message}, or the bare message without a line. */
  public String haproxyText() {
    return origin.isKnown() ? "parsing [" + origin + "] : " + message : message;
  }

  /** {@code file:line: message} (the message alone without a line). */
  @Override
  public String toString() {
    return origin.isKnown() ? origin + ": " + message : message;
  }
}
