package io.hakit.vrrp.fsm;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The settings the state machine needs.
 *
 * @param name the instance name, for logs
 * @param version 2 or 3 (v3 backups learn the master's interval; v2 uses its own)
 * @param basePriority 1-255 (255: address owner)
 * @param advertIntervalCentis the configured advert interval in centiseconds (v2: a multiple of 100)
 * @param preempt rfc5798 Preempt_Mode; the owner always preempts
 * @param preemptDelayNanos keepalived's preempt_delay: after start or the first lower-priority
 *     advert, how long lower-priority masters are still accepted
 * @param primaryAddress this router's source address, for the equal-priority tie-break
 * @param ownerStartsAsMaster false for keepalived's {@code state BACKUP} with priority 255, which
 *     waits a full Master_Down_Interval like any backup
 */
public record FsmConfig(String name, int version, int basePriority, int advertIntervalCentis, boolean preempt,
    long preemptDelayNanos, InetAddress primaryAddress, boolean ownerStartsAsMaster) {
  public FsmConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(primaryAddress, "primaryAddress");
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version: " + version + " (expected: 2 or 3)");
    }
    if (basePriority < 1 || basePriority > 255) {
      throw new IllegalArgumentException("basePriority: " + basePriority + " (expected: 1-255)");
    }
    if (advertIntervalCentis < 1 || advertIntervalCentis > 25_500) {
      throw new IllegalArgumentException("advertIntervalCentis: " + advertIntervalCentis + " (expected: 1-25500)");
    }
    if (preemptDelayNanos < 0) {
      throw new IllegalArgumentException("preemptDelayNanos: " + preemptDelayNanos + " (expected: >= 0)");
    }
  }

  public boolean isOwner() {
    return basePriority == 255;
  }
}
