package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of {@code track_script} or {@code track_interface}: what is tracked and, if the line
 * says so, its weight (else the script's own weight; 0 for an interface).
 */
public record TrackRef(String name, @Nullable Integer weight, Origin origin) {
  public TrackRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
  }
}
