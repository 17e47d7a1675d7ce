package io.hakit.vrrp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The state machine under virtual time: every "wait" is a number, nothing sleeps. */
class VrrpStateMachineTest {
  private static final InetAddress ME = addr("198.18.0.11");
  private static final InetAddress LOWER_PEER = addr("198.18.0.5");
  private static final InetAddress HIGHER_PEER = addr("198.18.0.20");
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final RecordingActions actions = new RecordingActions();
  private long now = 1_000 * MS;

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private VrrpStateMachine machine(int version, int priority, int intervalCentis, boolean preempt, long preemptDelayMs) {
    return new VrrpStateMachine(new FsmConfig("VI_1", version, priority, intervalCentis, preempt,
        preemptDelayMs * MS, ME, true), actions);
  }

  /** Advances virtual time in small steps, firing due timers like the scheduler does. */
  private void advance(VrrpStateMachine m, long nanos) {
    long end = now + nanos;
    while (m.nextDeadline() != VrrpStateMachine.NO_DEADLINE && m.nextDeadline() - end <= 0) {
      now = Math.max(now, m.nextDeadline());
      m.onTimer(now);
    }
    now = end;
  }

  @Test
  void start_backupPriority100_becomesMasterAfterMasterDownInterval() {
    VrrpStateMachine m = machine(2, 100, 100, true, 0);
    m.start(now);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(m.masterDownIntervalNanos()).isEqualTo(3_609_375_000L); // 3 s + (256-100)/256 s
    advance(m, 3_609 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    advance(m, 1 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    assertThat(actions.drain()).containsExactly("INIT->BACKUP", "advert 100/100", "add", "BACKUP->MASTER");
  }

  @Test
  void start_owner_becomesMasterAtOnce() {
    VrrpStateMachine m = machine(2, 255, 100, true, 0);
    m.start(now);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    assertThat(actions.drain()).containsExactly("advert 255/100", "add", "INIT->MASTER");
  }

  @Test
  void start_ownerConfiguredAsBackup_waitsFullInterval() {
    VrrpStateMachine m = new VrrpStateMachine(new FsmConfig("VI_1", 2, 255, 100, true, 0, ME, false), actions);
    m.start(now);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    advance(m, 3_003 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    advance(m, 1 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
  }

  @Test
  void onTimer_master_advertsOnAFixedGridWithoutDrift() {
    VrrpStateMachine m = machine(3, 255, 100, true, 0);
    m.start(now);
    long first = m.nextDeadline();
    actions.drain();
    // The scheduler wakes 30 ms late (a GC pause): the next deadline stays on the grid.
    m.onTimer(first + 30 * MS);
    assertThat(m.nextDeadline()).isEqualTo(first + 1000 * MS);
    // It wakes 2.5 intervals late: one advert now, and the next on the grid point after now (where
    // kernel-timed adverts, sent meanwhile, continue).
    long deadline = m.nextDeadline();
    m.onTimer(deadline + 2_500 * MS);
    assertThat(m.nextDeadline()).isEqualTo(deadline + 3_000 * MS);
    assertThat(actions.drain()).containsExactly("advert 255/100", "advert 255/100");
  }

  @Test
  void onAdvert_backupHearsHigherPriority_staysBackupAndResetsTimer() {
    VrrpStateMachine m = machine(2, 100, 100, true, 0);
    m.start(now);
    for (int i = 0; i < 10; i++) {
      advance(m, 1_000 * MS);
      m.onAdvert(now, 150, 100, HIGHER_PEER);
    }
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(m.nextDeadline()).isEqualTo(now + m.masterDownIntervalNanos());
  }

  @Test
  void onAdvert_backupHearsPriority0_takesOverAfterSkewTime() {
    VrrpStateMachine m = machine(2, 100, 100, true, 0);
    m.start(now);
    m.onAdvert(now, 150, 100, HIGHER_PEER);
    m.onAdvert(now, 0, 100, HIGHER_PEER);
    assertThat(m.nextDeadline() - now).isEqualTo(609_375_000L); // (256-100)/256 s
    advance(m, 609 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    advance(m, 1 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    assertThat(actions.transitions).last().asString().contains("master left (priority 0)");
  }

  @Test
  void onAdvert_masterHearsHigherPriority_stepsDownAndRemovesAddresses() {
    VrrpStateMachine m = machine(2, 255 - 155, 100, true, 0);
    m.start(now);
    advance(m, 4_000 * MS);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    actions.drain();
    m.onAdvert(now, 200, 100, LOWER_PEER);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(actions.drain()).containsExactly("remove", "MASTER->BACKUP");
    assertThat(actions.transitions).last().asString().contains("higher priority (200)");
  }

  @Test
  void onAdvert_masterHearsEqualPriority_higherAddressWins() {
    VrrpStateMachine m = machine(2, 100, 100, true, 0);
    m.start(now);
    advance(m, 4_000 * MS);
    actions.drain();
    m.onAdvert(now, 100, 100, LOWER_PEER);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    assertThat(actions.drain()).containsExactly("advert 100/100"); // keepalived: force a new election
    m.onAdvert(now, 100, 100, HIGHER_PEER);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(actions.transitions).last().asString().contains("equal priority advert from higher address");
  }

  @Test
  void onAdvert_backupHearsEqualPriorityFromLowerAddress_staysBackup() {
    VrrpStateMachine m = machine(2, 100, 100, true, 0);
    m.start(now);
    for (int i = 0; i < 10; i++) {
      advance(m, 1_000 * MS);
      m.onAdvert(now, 100, 100, LOWER_PEER);
    }
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
  }

  @Test
  void onAdvert_masterHearsPriority0_readvertisesAtOnce() {
    VrrpStateMachine m = machine(3, 255, 100, true, 0);
    m.start(now);
    actions.drain();
    advance(m, 500 * MS);
    m.onAdvert(now, 0, 100, LOWER_PEER);
    assertThat(actions.drain()).containsExactly("advert 255/100");
    assertThat(m.nextDeadline()).isEqualTo(now + 1_000 * MS);
  }

  @Test
  void onAdvert_preemptingBackupHearsLowerPriority_takesOverAfterMasterDown() {
    VrrpStateMachine m = machine(2, 150, 100, true, 0);
    m.start(now);
    m.onAdvert(now, 100, 100, LOWER_PEER); // discarded: the timer from start keeps running
    long deadline = m.nextDeadline();
    for (int i = 0; i < 3; i++) {
      advance(m, 1_000 * MS);
      m.onAdvert(now, 100, 100, LOWER_PEER);
    }
    assertThat(m.nextDeadline()).isEqualTo(deadline);
    advance(m, deadline - now);
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
  }

  @Test
  void onAdvert_nopreemptBackupHearsLowerPriority_staysBackup() {
    VrrpStateMachine m = machine(2, 150, 100, false, 0);
    m.start(now);
    for (int i = 0; i < 20; i++) {
      advance(m, 1_000 * MS);
      m.onAdvert(now, 100, 100, LOWER_PEER);
    }
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    // ...but still takes over when that master goes silent.
    advance(m, m.masterDownIntervalNanos());
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
  }

  @Test
  void onAdvert_preemptDelay_acceptsLowerMasterUntilDelayPassed() {
    VrrpStateMachine delayed = new VrrpStateMachine(new FsmConfig("VI_2", 2, 150, 100, true, 10_000 * MS, ME, true),
        new RecordingActions());
    delayed.start(now);
    long start = now;
    long tookOver = -1;
    for (int i = 0; i < 30 && tookOver < 0; i++) {
      advance(delayed, 1_000 * MS);
      if (delayed.state() == VrrpState.MASTER) {
        tookOver = now - start;
      } else {
        delayed.onAdvert(now, 100, 100, LOWER_PEER);
      }
    }
    // Lower adverts are accepted for 10 s after start, then discarded: takeover at ~10 s + Master_Down.
    assertThat(tookOver).isBetween(10_000 * MS + delayed.masterDownIntervalNanos() - 1_000 * MS,
        10_000 * MS + delayed.masterDownIntervalNanos() + 1_000 * MS);
  }

  @Test
  void onAdvert_v3Backup_learnsMasterInterval() {
    VrrpStateMachine m = machine(3, 100, 100, true, 0);
    m.start(now);
    m.onAdvert(now, 200, 50, HIGHER_PEER);
    assertThat(m.masterAdverIntervalCentis()).isEqualTo(50);
    // 3 * 0.5 s + (256-100) * 0.5 s / 256
    assertThat(m.masterDownIntervalNanos()).isEqualTo(1_500_000_000L + 304_687_500L);
    advance(m, m.masterDownIntervalNanos());
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    // As master it advertises its own configured interval again.
    assertThat(m.masterAdverIntervalCentis()).isEqualTo(100);
    assertThat(actions.drain()).contains("advert 100/100");
  }

  @Test
  void onAdvert_v2Backup_keepsOwnInterval() {
    VrrpStateMachine m = machine(2, 100, 100, true, 0);
    m.start(now);
    m.onAdvert(now, 200, 200, HIGHER_PEER);
    assertThat(m.masterAdverIntervalCentis()).isEqualTo(100);
  }

  @Test
  void updateTracking_negativeWeight_lowersAdvertPriorityAndClamps() {
    VrrpStateMachine m = machine(2, 255 - 155, 100, true, 0);
    m.start(now);
    advance(m, 4_000 * MS);
    actions.drain();
    m.updateTracking(now, -30, false, "chk_proxy failing (weight -30)");
    assertThat(m.effectivePriority()).isEqualTo(70);
    advance(m, 1_000 * MS);
    assertThat(actions.drain()).containsExactly("advert 70/100");
    m.updateTracking(now, -500, false, "much worse");
    assertThat(m.effectivePriority()).isEqualTo(1);
    m.updateTracking(now, +500, false, "much better");
    assertThat(m.effectivePriority()).isEqualTo(254);
  }

  @Test
  void updateTracking_faultWhileMaster_sendsPriority0RemovesAddressesThenRecoversAsBackup() {
    VrrpStateMachine m = machine(2, 150, 100, true, 0);
    m.start(now);
    advance(m, 4_000 * MS);
    actions.drain();
    m.updateTracking(now, 0, true, "chk_proxy failed (weight 0)");
    assertThat(m.state()).isEqualTo(VrrpState.FAULT);
    assertThat(actions.drain()).containsExactly("advert 0/100", "remove", "MASTER->FAULT");
    assertThat(m.nextDeadline()).isEqualTo(VrrpStateMachine.NO_DEADLINE);
    m.onAdvert(now, 100, 100, LOWER_PEER);
    assertThat(m.state()).isEqualTo(VrrpState.FAULT);
    m.updateTracking(now, 0, false, "chk_proxy ok");
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
  }

  @Test
  void start_whileFaulted_entersFault() {
    VrrpStateMachine m = machine(2, 150, 100, true, 0);
    m.updateTracking(now, 0, true, "eth0 down");
    m.start(now);
    assertThat(m.state()).isEqualTo(VrrpState.FAULT);
  }

  @Test
  void stop_master_sendsPriority0ThenRemovesAddresses() {
    VrrpStateMachine m = machine(3, 255, 100, true, 0);
    m.start(now);
    actions.drain();
    m.stop(now);
    assertThat(m.state()).isEqualTo(VrrpState.INIT);
    assertThat(actions.drain()).containsExactly("advert 0/100", "remove", "MASTER->INIT");
    assertThat(m.nextDeadline()).isEqualTo(VrrpStateMachine.NO_DEADLINE);
  }

  @Test
  void abandon_master_sendsNothing() {
    VrrpStateMachine m = machine(3, 255, 100, true, 0);
    m.start(now);
    actions.drain();
    m.abandon();
    assertThat(actions.drain()).containsExactly("MASTER->INIT");
  }

  @Test
  void onTimer_gateClosed_staysBackupWantingMasterUntilGateOpens() {
    VrrpStateMachine m = machine(3, 100, 100, true, 0);
    boolean[] open = {false};
    m.setMasterGate(() -> open[0]);
    m.start(now);
    advance(m, m.masterDownIntervalNanos() + 1);
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(m.wantsMaster()).isTrue();
    // A master advert clears the wish.
    m.onAdvert(now, 200, 100, HIGHER_PEER);
    assertThat(m.wantsMaster()).isFalse();
    advance(m, m.masterDownIntervalNanos() + 1);
    assertThat(m.wantsMaster()).isTrue();
    open[0] = true;
    advance(m, 1_000 * MS + m.skewNanos()); // the gate is asked again after one interval plus the skew
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    assertThat(m.wantsMaster()).isFalse();
  }

  @Test
  void forceMaster_onlyWhenWantingMaster() {
    VrrpStateMachine m = machine(3, 100, 100, true, 0);
    m.setMasterGate(() -> false);
    m.start(now);
    m.forceMaster(now, "group");
    assertThat(m.state()).as("has a master to follow").isEqualTo(VrrpState.BACKUP);
    advance(m, m.masterDownIntervalNanos() + 1);
    m.forceMaster(now, "sync group G: VI_2 became MASTER");
    assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    assertThat(actions.transitions).last().asString().contains("sync group G");
  }

  @Test
  void forceBackup_master_removesAddressesWithoutPriority0() {
    VrrpStateMachine m = machine(3, 255, 100, true, 0);
    m.start(now);
    actions.drain();
    m.forceBackup(now, "sync group G: VI_1 became BACKUP");
    assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(actions.drain()).containsExactly("remove", "MASTER->BACKUP");
    assertThat(m.nextDeadline()).isEqualTo(now + m.masterDownIntervalNanos());
  }

  @Test
  void compareAddresses_unsigned() {
    assertThat(VrrpStateMachine.compareAddresses(addr("198.18.0.200"), addr("10.0.0.1"))).isPositive();
    assertThat(VrrpStateMachine.compareAddresses(addr("198.18.0.2"), addr("198.18.0.2"))).isZero();
  }

  @Test
  void timing_skewForPriorities_matchesNotes() {
    assertThat(Timing.skewNanos(2, 150, 100)).isEqualTo(414_062_500L);
    assertThat(Timing.skewNanos(2, 255, 100)).isEqualTo(3_906_250L);
    assertThat(Timing.skewNanos(3, 100, 100)).isEqualTo(Timing.skewNanos(2, 100, 100));
    assertThat(Timing.skewNanos(3, 100, 10)).isEqualTo(60_937_500L);
  }
}
