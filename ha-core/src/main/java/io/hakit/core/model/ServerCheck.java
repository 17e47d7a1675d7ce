package io.hakit.core.model;

import io.hakit.core.Origin;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A server's health-check settings: {@code check} (enabled), {@code inter} (2s),
 * {@code fastinter} and {@code downinter} (default: inter), {@code rise} (2), {@code fall} (3),
 * {@code port} and {@code addr} (default: the server's own).
 *
 * @param port the check port, 0 for the server's port
 */
public record ServerCheck(boolean enabled, Duration inter, @Nullable Duration fastinter, @Nullable Duration downinter,
    int rise, int fall, int port, @Nullable String addr) {
  /** HAProxy's {@code inter} default. */
  public static final Duration DEFAULT_INTER = Duration.ofSeconds(2);
  public static final int DEFAULT_RISE = 2;
  public static final int DEFAULT_FALL = 3;
  public static final ServerCheck DISABLED =
      new ServerCheck(false, DEFAULT_INTER, null, null, DEFAULT_RISE, DEFAULT_FALL, 0, null);
  public static final ServerCheck ENABLED =
      new ServerCheck(true, DEFAULT_INTER, null, null, DEFAULT_RISE, DEFAULT_FALL, 0, null);

  public ServerCheck {
    Checks.positive(inter, "inter", Origin.UNKNOWN);
    if (fastinter != null) {
      Checks.positive(fastinter, "fastinter", Origin.UNKNOWN);
    }
    if (downinter != null) {
      Checks.positive(downinter, "downinter", Origin.UNKNOWN);
    }
    Checks.range(rise, 1, Integer.MAX_VALUE, "rise", Origin.UNKNOWN);
    Checks.range(fall, 1, Integer.MAX_VALUE, "fall", Origin.UNKNOWN);
    Checks.range(port, 0, 65535, "check port", Origin.UNKNOWN);
  }

  /** The interval while the server is UP but its state is changing (default: inter). */
  public Duration effectiveFastinter() {
    return Objects.requireNonNullElse(fastinter, inter);
  }

  /** The interval while the server is DOWN (default: inter). */
  public Duration effectiveDowninter() {
    return Objects.requireNonNullElse(downinter, inter);
  }

  public ServerCheck withEnabled(boolean on) {
    return new ServerCheck(on, inter, fastinter, downinter, rise, fall, port, addr);
  }
}
