package io.hakit.vrrp;

import io.hakit.vrrp.fsm.VrrpState;
import java.util.Objects;

/**
 * One state transition of an instance, what keepalived's notify scripts receive.
 *
 * @param instance the instance name ({@code VI_1})
 * @param from the previous state
 * @param to the new state
 * @param reason why, for logs ({@code "higher priority (200) advert from 198.18.0.12"})
 * @param priority the effective priority at the transition
 */
public record StateChange(String instance, VrrpState from, VrrpState to, String reason, int priority) {
  public StateChange {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }
}
