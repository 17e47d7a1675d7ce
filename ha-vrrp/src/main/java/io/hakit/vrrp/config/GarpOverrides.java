package io.hakit.vrrp.config;

import io.hakit.vrrp.GarpSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** vrrp_garp_* values as read; unset ones fall back to the enclosing level (global, then keepalived's defaults). */
final class GarpOverrides {
  @Nullable Integer repeat;
  @Nullable Duration delay;
  @Nullable Duration refresh;
  @Nullable Duration spacing;
  @Nullable Duration naSpacing;

  GarpSettings over(GarpSettings base, boolean ipv6) {
    Duration gap = ipv6 ? (naSpacing != null ? naSpacing : base.spacing()) : (spacing != null ? spacing : base.spacing());
    return new GarpSettings(repeat != null ? repeat : base.repeat(), delay != null ? delay : base.secondBurstDelay(),
        refresh != null ? refresh : base.refresh(), gap);
  }
}
