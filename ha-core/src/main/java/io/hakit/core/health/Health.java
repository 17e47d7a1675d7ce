package io.hakit.core.health;

import java.util.Objects;

/** A health verdict and why, e.g. {@code DOWN "all servers of backend app are down"}. */
public record Health(Status status, String reason) {

  /** Up or down. */
  public enum Status {
    UP,
    DOWN
  }

  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static Health up(String reason) {
    return new Health(Status.UP, reason);
  }

  public static Health down(String reason) {
    return new Health(Status.DOWN, reason);
  }

  public boolean isUp() {
    return status == Status.UP;
  }
}
