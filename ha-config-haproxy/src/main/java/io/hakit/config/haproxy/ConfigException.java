package io.hakit.config.haproxy;

import io.hakit.core.HaException;
import java.util.List;

/**
 * A configuration HAProxy 2.6 would refuse (or, in the default mode, one HAKit refuses; see {@link
 * Deviations}): every error found, each {@code file:line: message}, one per line of the message.
 * The warnings found on the way are kept too, so that nothing a check would print is lost.
 */
public final class ConfigException extends HaException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> errors;
  private final transient List<Diagnostic> warnings;

  public ConfigException(List<Diagnostic> errors, List<Diagnostic> warnings) {
    super(format(errors));
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  private static String format(List<Diagnostic> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors: empty (expected: at least one)");
    }
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : errors) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(d);
    }
    return sb.toString();
  }

  /** Every error, in the order found. */
  public List<Diagnostic> errors() {
    return errors;
  }

  /** The warnings and notices found before giving up. */
  public List<Diagnostic> warnings() {
    return warnings;
  }
}
