package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/**
 * A {@code log} line: {@code log global}, or {@code log <address> [len N] [format F] <facility> [level [minlevel]]}.
 * HAKit sends access logs through slf4j; targets are kept for the writer and for syslog bridges.
 */
public record LogTarget(String address, List<String> args, Origin origin) {
  public LogTarget {
    Objects.requireNonNull(address, "address");
    args = List.copyOf(args);
    Objects.requireNonNull(origin, "origin");
  }

  public boolean isGlobal() {
    return address.equals("global");
  }
}
