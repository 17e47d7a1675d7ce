package io.hakit.vrrp;

import java.time.Duration;
import java.util.Objects;

/**
 * How a new master announces its addresses (keepalived's {@code vrrp_garp_*} settings).
 *
 * @param repeat announcements per address in each burst ({@code vrrp_garp_master_repeat}, default 5)
 * @param secondBurstDelay delay of the second burst after becoming master
 *     ({@code vrrp_garp_master_delay}, default 5 s; zero: no second burst)
 * @param refresh period of repeated bursts while master ({@code vrrp_garp_master_refresh}; zero: off)
 * @param spacing pause between two announcements ({@code vrrp_garp_interval}, default zero)
 */
public record GarpSettings(int repeat, Duration secondBurstDelay, Duration refresh, Duration spacing) {
  /** keepalived's defaults: 5 announcements now and 5 more after 5 s. */
  public static final GarpSettings KEEPALIVED_DEFAULTS =
      new GarpSettings(5, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO);

  public GarpSettings {
    if (repeat < 0 || repeat > 255) {
      throw new IllegalArgumentException("repeat: " + repeat + " (expected: 0-255)");
    }
    nonNegative(secondBurstDelay, "secondBurstDelay");
    nonNegative(refresh, "refresh");
    nonNegative(spacing, "spacing");
  }

  private static void nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
    }
  }

  public GarpSettings withRepeat(int newRepeat) {
    return new GarpSettings(newRepeat, secondBurstDelay, refresh, spacing);
  }

  public GarpSettings withSecondBurstDelay(Duration d) {
    return new GarpSettings(repeat, d, refresh, spacing);
  }

  public GarpSettings withRefresh(Duration d) {
    return new GarpSettings(repeat, secondBurstDelay, d, spacing);
  }

  public GarpSettings withSpacing(Duration d) {
    return new GarpSettings(repeat, secondBurstDelay, refresh, d);
  }
}
