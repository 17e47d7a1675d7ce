package io.hakit.vrrp.fsm;

/** The states of a VRRP instance: rfc5798 §6.4 plus keepalived's FAULT. */
public enum VrrpState {
  /** Not running (before start, after stop): rfc5798 §6.4.1 Initialize. */
  INIT,
  /** Listening to a master, ready to take over (rfc5798 §6.4.2). */
  BACKUP,
  /** Owning the virtual addresses and advertising (rfc5798 §6.4.3). */
  MASTER,
  /** A tracked source with weight 0 failed: silent, no addresses (keepalived). */
  FAULT
}
