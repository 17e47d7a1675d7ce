package io.hakit.vrrp.fsm;

/**
 * What the state machine asks its owner to do, called synchronously from inside the event method,
 * in the order the protocol needs (keepalived's: on becoming master the advert goes out before the
 * addresses are added; on leaving, the priority-0 advert before they are removed).
 */
public interface FsmActions {

  /** Sends one advertisement now, with this priority (0 when leaving) and interval. */
  void sendAdvert(int priority, int intervalCentis);

  /** Adds the virtual addresses and announces them (gratuitous ARP / unsolicited NA). */
  void addAddresses();

  /** Removes the virtual addresses. */
  void removeAddresses();

  /** The state changed; {@code priority} is the effective priority at that moment. */
  void stateChanged(VrrpState from, VrrpState to, String reason, int priority);
}
