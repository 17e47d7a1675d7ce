package io.hakit.core.model;

import io.hakit.core.Origin;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The timeouts a proxy sets. An unset timeout is absent (HAProxy: infinite, with a warning for
 * client/server/connect). Immutable.
 */
public record Timeouts(Map<TimeoutKind, Duration> values) {
  public static final Timeouts NONE = new Timeouts(Map.of());

  public Timeouts {
    for (Map.Entry<TimeoutKind, Duration> e : values.entrySet()) {
      Checks.positive(e.getValue(), "timeout " + e.getKey().keyword(), Origin.UNKNOWN);
    }
    EnumMap<TimeoutKind, Duration> copy = new EnumMap<>(TimeoutKind.class);
    copy.putAll(values);
    values = java.util.Collections.unmodifiableMap(copy);
  }

  public Optional<Duration> get(TimeoutKind kind) {
    return Optional.ofNullable(values.get(kind));
  }

  /** The timeout, or {@code fallback} when unset. */
  public Duration getOrDefault(TimeoutKind kind, Duration fallback) {
    Duration d = values.get(kind);
    return d != null ? d : fallback;
  }

  public Timeouts with(TimeoutKind kind, Duration value) {
    EnumMap<TimeoutKind, Duration> copy = new EnumMap<>(TimeoutKind.class);
    copy.putAll(values);
    copy.put(kind, value);
    return new Timeouts(copy);
  }
}
