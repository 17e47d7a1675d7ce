package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A proxy's logging: its {@code log} targets, the line style, the custom {@code log-format},
 * {@code option dontlognull} and {@code option log-health-checks}.
 *
 * @param formatOrigin where the {@code log-format} statement is (in the proxy or in the defaults
 *     section it inherits from), so that a runtime that cannot run the format names that line as
 *     HAProxy does; {@link Origin#UNKNOWN} without a custom format or for a model built in code
 */
public record LogSettings(
    List<LogTarget> targets,
    LogStyle style,
    @Nullable String format,
    boolean dontLogNull,
    boolean logHealthChecks,
    Origin formatOrigin) {
  public static final LogSettings NONE = new LogSettings(List.of(), LogStyle.NONE, null, false, false);

  public LogSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(formatOrigin, "formatOrigin");
    if ((style == LogStyle.CUSTOM) != (format != null)) {
      throw new IllegalArgumentException("format: " + format + " (expected: set exactly when style is CUSTOM)");
    }
  }

  /** Settings built in code: the format, if any, has no file:line. */
  public LogSettings(List<LogTarget> targets, LogStyle style, @Nullable String format, boolean dontLogNull,
      boolean logHealthChecks) {
    this(targets, style, format, dontLogNull, logHealthChecks, Origin.UNKNOWN);
  }
}
