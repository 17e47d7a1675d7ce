package io.hakit.vrrp.fsm;

/**
 * Asked by a backup whose down timer expired whether it may become master now: a sync group says
 * yes only when every other member is master or wants to be (keepalived's vrrp_sync_can_goto_master).
 * Called on the state machine's thread; must be quick and must not call back into it.
 */
@FunctionalInterface
public interface MasterGate {
  /** The gate of an instance that belongs to no group. */
  MasterGate ALWAYS = () -> true;

  boolean mayBecomeMaster();
}
