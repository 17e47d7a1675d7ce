package io.hakit.vrrp;

/**
 * Told of every state transition (keepalived's notify_master / notify_backup / notify_fault /
 * notify_stop). Called on the instance's {@code vrrp-NAME-addr} thread, in order, after the
 * addresses of the transition were added or removed; a listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface VrrpStateListener {
  void onStateChange(StateChange change);
}
