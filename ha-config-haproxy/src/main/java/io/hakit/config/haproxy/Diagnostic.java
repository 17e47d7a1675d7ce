package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.util.List;
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
  /**
   * Errors HAProxy 2.6 finds after parsing (it compiles log formats then), which it words
   * {@code Parsing [file:line]: message} instead of {@code parsing [file:line] : message}.
   */
  private static final List<String> AFTER_PARSING = List.of("failed to parse log-format : ",
      "failed to parse unique-id : ");

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
    if (!origin.isKnown()) {
      return message;
    }
    for (String prefix : AFTER_PARSING) {
      if (message.startsWith(prefix)) {
        return "Parsing [" + origin + "]: " + message;
      }
    }
    return "parsing [" + origin + "] : " + message;
  }

  /** {@code file:line: message} (the message alone without a line). */
  @Override
  public String toString() {
    return origin.isKnown() ? origin + ": " + message : message;
  }
}
