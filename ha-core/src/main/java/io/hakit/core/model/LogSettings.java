package io.hakit.core.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A proxy's logging: its {@code log} targets, the line style, the custom {@code log-format},
 * {@code option dontlognull} and {@code option log-health-checks}.
 */
public record LogSettings(
    List<LogTarget> targets,
    LogStyle style,
    @Nullable String format,
    boolean dontLogNull,
    boolean logHealthChecks) {
  public static final LogSettings NONE = new LogSettings(List.of(), LogStyle.NONE, null, false, false);

  public LogSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(style, "style");
    if ((style == LogStyle.CUSTOM) != (format != null)) {
      throw new IllegalArgumentException("format: " + format + " (expected: set exactly when style is CUSTOM)");
    }
  }
}
