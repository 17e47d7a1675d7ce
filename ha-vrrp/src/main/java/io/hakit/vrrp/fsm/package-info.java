/**
 * The VRRP state machine of rfc5798 §6.4 (Initialize, Backup, Master) plus keepalived's FAULT
 * state, nopreempt, preempt_delay and tracked priorities, as pure code: events in
 * ({@link io.hakit.vrrp.fsm.VrrpStateMachine#start}, {@code onAdvert}, {@code onTimer},
 * {@code updateTracking}, {@code stop}), actions out through {@link io.hakit.vrrp.fsm.FsmActions},
 * time passed in as nanoseconds. No threads, no sockets, no clock of its own: tests drive it with
 * virtual time.
 */
@NullMarked
package io.hakit.vrrp.fsm;

import org.jspecify.annotations.NullMarked;
