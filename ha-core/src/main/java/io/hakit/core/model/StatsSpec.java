package io.hakit.core.model;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A proxy's {@code stats} page: {@code stats enable}, {@code uri} (default {@code /haproxy?stats}),
 * {@code auth user:password} lines, {@code realm}, {@code refresh}, {@code admin if <cond>},
 * {@code hide-version}; other stats keywords kept as written.
 */
public record StatsSpec(boolean enabled, String uri, List<String> auth, @Nullable String realm,
    @Nullable Duration refresh, @Nullable Condition admin, boolean hideVersion, List<Setting> other) {
  public static final String DEFAULT_URI = "/haproxy?stats";
  public static final StatsSpec DISABLED =
      new StatsSpec(false, DEFAULT_URI, List.of(), null, null, null, false, List.of());

  public StatsSpec {
    auth = List.copyOf(auth);
    other = List.copyOf(other);
    for (String a : auth) {
      if (a.indexOf(':') <= 0) {
        throw new IllegalArgumentException("stats auth: '" + a + "' (expected: user:password)");
      }
    }
  }
}
