package io.hakit.vrrp.fsm;

import java.net.InetAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VRRP router's election logic: rfc5798 §6.4 with keepalived's extensions.
 *
 * <ul>
 *   <li>Start: the owner (255) becomes master at once; others become backup with the
 *       Master_Down_Timer at Master_Down_Interval.
 *   <li>Backup: a priority-0 advert sets the down timer to Skew_Time; an advert of higher or
 *       equal priority (or any, with nopreempt, or a lower one within the preempt delay) resets it
 *       (v3 learns the master's interval); a lower one is discarded, so the timer runs out and this
 *       router takes over.
 *   <li>Master: steps down on a higher priority, or an equal one from a higher primary address;
 *       answers a priority-0 or lower-priority advert with an advert of its own at once.
 *   <li>Tracking: the effective priority is the base plus the weights, clamped to 1-254 (the owner
 *       stays 255); a fault (weight-0 source failing) forces FAULT, which a master leaves with a
 *       priority-0 advert so the backup takes over after Skew_Time.
 * </ul>
 *
 * <p>Not thread-safe: one thread (the instance's scheduler) owns it and calls every method. Time is
 * a {@code long} of nanoseconds from any origin ({@code System.nanoTime()} or a test's counter).
 */
public final class VrrpStateMachine {
  private static final Logger logger = LoggerFactory.getLogger(VrrpStateMachine.class);

  /** The value of a deadline that is not armed. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  private final FsmConfig config;
  private final FsmActions actions;

  private VrrpState state = VrrpState.INIT;
  private int priorityAdjustment;
  private String faultReason = "";
  private boolean faulted;
  private int masterAdverIntervalCentis;
  private long downDeadline = NO_DEADLINE;
  private long adverDeadline = NO_DEADLINE;
  private long preemptDeadline = NO_DEADLINE;
  private boolean masterLeft; // the down timer runs for Skew_Time after a priority-0 advert
  private boolean wantsMaster; // the down timer expired; held back by the sync group's gate
  private MasterGate gate = MasterGate.ALWAYS;

  public VrrpStateMachine(FsmConfig config, FsmActions actions) {
    this.config = Objects.requireNonNull(config, "config");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.masterAdverIntervalCentis = config.advertIntervalCentis();
  }

  public VrrpState state() {
    return state;
  }

  public FsmConfig config() {
    return config;
  }

  /** Base priority plus tracked weights, clamped to 1-254; 255 for the owner. */
  public int effectivePriority() {
    if (config.isOwner()) {
      return 255;
    }
    return Math.max(1, Math.min(254, config.basePriority() + priorityAdjustment));
  }

  /** The interval the current master advertises (v3: learned) or our own. */
  public int masterAdverIntervalCentis() {
    return masterAdverIntervalCentis;
  }

  public long masterDownIntervalNanos() {
    return Timing.masterDownNanos(config.version(), effectivePriority(), masterAdverIntervalCentis);
  }

  public long skewNanos() {
    return Timing.skewNanos(config.version(), effectivePriority(), masterAdverIntervalCentis);
  }

  /** Sets the sync group's gate (before start). */
  public void setMasterGate(MasterGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /**
   * True in BACKUP once the down timer expired with no master heard since, while a sync group
   * holds this router back (keepalived's wantstate MASTER).
   */
  public boolean wantsMaster() {
    return state == VrrpState.BACKUP && wantsMaster;
  }

  /** The earliest time {@link #onTimer} has work, or {@link #NO_DEADLINE}. */
  public long nextDeadline() {
    return switch (state) {
      case BACKUP -> downDeadline;
      case MASTER -> adverDeadline;
      default -> NO_DEADLINE;
    };
  }

  /** Startup event (rfc5798 §6.4.1). */
  public void start(long now) {
    if (state != VrrpState.INIT) {
      throw new IllegalStateException("(" + config.name() + ") start in state " + state + " (expected: INIT)");
    }
    if (config.preemptDelayNanos() > 0) {
      preemptDeadline = now + config.preemptDelayNanos();
    }
    if (faulted) {
      transition(VrrpState.FAULT, faultReason);
      return;
    }
    enterFromIdle(now, "startup");
  }

  /** Shutdown event: a master sends priority 0 and removes its addresses (rfc5798 §6.4.3). */
  public void stop(long now) {
    switch (state) {
      case MASTER -> {
        adverDeadline = NO_DEADLINE;
        actions.sendAdvert(0, config.advertIntervalCentis());
        actions.removeAddresses();
      }
      case BACKUP -> downDeadline = NO_DEADLINE;
      default -> { }
    }
    if (state != VrrpState.INIT) {
      transition(VrrpState.INIT, "stopped");
    }
  }

  /**
   * Stops without any goodbye (a crash, for tests and for "transport lost"): no priority-0 advert,
   * addresses left as they are.
   */
  public void abandon() {
    downDeadline = NO_DEADLINE;
    adverDeadline = NO_DEADLINE;
    if (state != VrrpState.INIT) {
      transition(VrrpState.INIT, "abandoned");
    }
  }

  /** Fires the timers that are due: the down timer in BACKUP, the advert timer in MASTER. */
  public void onTimer(long now) {
    if (state == VrrpState.BACKUP && due(downDeadline, now)) {
      downDeadline = NO_DEADLINE;
      boolean firstExpiry = !wantsMaster;
      wantsMaster = true;
      if (!gate.mayBecomeMaster()) {
        // keepalived: a sync-group member held in backup looks again after one interval plus the skew.
        downDeadline = now + Timing.centisToNanos(masterAdverIntervalCentis) + skewNanos();
        if (firstExpiry) {
          logger.info("({}) master down, but the sync group is not ready: staying BACKUP", config.name());
        }
        return;
      }
      becomeMaster(now, masterLeft
          ? String.format("master left (priority 0), Skew_Time %.3f s expired", skewNanos() / 1e9)
          : String.format("no advert for %.3f s (Master_Down_Interval)", masterDownIntervalNanos() / 1e9));
    } else if (state == VrrpState.MASTER && due(adverDeadline, now)) {
      actions.sendAdvert(effectivePriority(), config.advertIntervalCentis());
      long interval = Timing.centisToNanos(config.advertIntervalCentis());
      // Keep the cadence on the original grid, also after falling whole intervals behind: the next
      // deadline is the first grid point after now (kernel-timed adverts kept to that grid meanwhile).
      long next = adverDeadline + interval;
      if (next - now <= 0) {
        next += ((now - next) / interval + 1) * interval;
      }
      adverDeadline = next;
    }
  }

  private static boolean due(long deadline, long now) {
    return deadline != NO_DEADLINE && now - deadline >= 0;
  }

  /**
   * An advertisement for our VRID that passed validation (rfc5798 §6.4.2 and §6.4.3).
   *
   * @param intervalCentis the advert's interval in centiseconds (v2 seconds times 100)
   * @param source the sender's IP source address
   */
  public void onAdvert(long now, int priority, int intervalCentis, InetAddress source) {
    switch (state) {
      case BACKUP -> backupReceived(now, priority, intervalCentis, source);
      case MASTER -> masterReceived(now, priority, intervalCentis, source);
      default -> { } // INIT and FAULT ignore adverts
    }
  }

  private void backupReceived(long now, int priority, int intervalCentis, InetAddress source) {
    if (priority == 0) {
      downDeadline = now + skewNanos();
      masterLeft = true;
      logger.debug("({}) priority 0 advert from {}: master leaving, takeover in {} ns", config.name(),
          source.getHostAddress(), skewNanos());
      return;
    }
    int local = effectivePriority();
    boolean preempt = config.preempt() || config.isOwner();
    boolean accept = !preempt || priority >= local;
    if (!accept && config.preemptDelayNanos() > 0 && !config.isOwner()) {
      if (preemptDeadline == NO_DEADLINE) {
        preemptDeadline = now + config.preemptDelayNanos();
      }
      accept = now - preemptDeadline < 0;
    }
    if (priority >= local) {
      preemptDeadline = NO_DEADLINE;
    }
    if (!accept) {
      logger.debug("({}) lower priority ({}) advert from {}: discarding", config.name(), priority,
          source.getHostAddress());
      return;
    }
    learnInterval(intervalCentis);
    downDeadline = now + masterDownIntervalNanos();
    masterLeft = false;
    wantsMaster = false;
  }

  /**
   * A sync-group member became master: this one follows at once if it too has no master to
   * follow (it wants to be master); otherwise nothing happens.
   */
  public void forceMaster(long now, String reason) {
    if (state == VrrpState.BACKUP && wantsMaster) {
      downDeadline = NO_DEADLINE;
      becomeMaster(now, reason);
    }
  }

  /**
   * A sync-group member left MASTER for BACKUP: this one leaves too (addresses removed, no
   * priority-0 advert) and waits a full Master_Down_Interval like any backup.
   */
  public void forceBackup(long now, String reason) {
    if (state == VrrpState.MASTER) {
      adverDeadline = NO_DEADLINE;
      actions.removeAddresses();
      downDeadline = now + masterDownIntervalNanos();
      masterLeft = false;
      wantsMaster = false;
      transition(VrrpState.BACKUP, reason);
    }
  }

  private void masterReceived(long now, int priority, int intervalCentis, InetAddress source) {
    int local = effectivePriority();
    if (priority == 0) {
      // Another master is leaving: re-assert at once so backups keep their down timers (rfc5798 §6.4.3).
      actions.sendAdvert(local, config.advertIntervalCentis());
      adverDeadline = now + Timing.centisToNanos(config.advertIntervalCentis());
      return;
    }
    int cmp = compareAddresses(source, config.primaryAddress());
    if (priority > local || (priority == local && cmp > 0)) {
      adverDeadline = NO_DEADLINE;
      learnInterval(intervalCentis);
      actions.removeAddresses();
      downDeadline = now + masterDownIntervalNanos();
      masterLeft = false;
      wantsMaster = false;
      transition(VrrpState.BACKUP, priority > local
          ? "higher priority (" + priority + ") advert from " + source.getHostAddress()
          : "equal priority advert from higher address " + source.getHostAddress());
      return;
    }
    if (priority == local && cmp == 0) {
      logger.warn("({}) received an advert with our own priority and address {}: duplicate router address?",
          config.name(), source.getHostAddress());
      return;
    }
    // Lower priority, or equal from a lower address: keepalived forces a new election with an advert now.
    actions.sendAdvert(local, config.advertIntervalCentis());
  }

  private void learnInterval(int intervalCentis) {
    if (config.version() == 3 && intervalCentis > 0 && intervalCentis != masterAdverIntervalCentis) {
      logger.info("({}) advertisement interval updated from {} ms to {} ms by master", config.name(),
          masterAdverIntervalCentis * 10, intervalCentis * 10);
      masterAdverIntervalCentis = intervalCentis;
    }
  }

  /**
   * Tracked sources changed: {@code adjustment} is the sum of applicable weights; {@code fault}
   * true when a weight-0 source fails, with {@code reason} naming it.
   */
  public void updateTracking(long now, int adjustment, boolean fault, String reason) {
    int before = effectivePriority();
    priorityAdjustment = adjustment;
    boolean wasFaulted = faulted;
    faulted = fault;
    faultReason = reason;
    if (before != effectivePriority()) {
      logger.info("({}) effective priority {} -> {} ({})", config.name(), before, effectivePriority(), reason);
    }
    if (fault && !wasFaulted) {
      switch (state) {
        case MASTER -> {
          adverDeadline = NO_DEADLINE;
          actions.sendAdvert(0, config.advertIntervalCentis());
          actions.removeAddresses();
          transition(VrrpState.FAULT, reason);
        }
        case BACKUP -> {
          downDeadline = NO_DEADLINE;
          transition(VrrpState.FAULT, reason);
        }
        default -> { } // INIT: start() will enter FAULT; FAULT: already there
      }
    } else if (!fault && wasFaulted && state == VrrpState.FAULT) {
      enterFromIdle(now, "leaving FAULT: " + reason);
    }
  }

  private void enterFromIdle(long now, String reason) {
    masterAdverIntervalCentis = config.advertIntervalCentis();
    if (config.isOwner() && config.ownerStartsAsMaster()) {
      becomeMaster(now, reason + ", address owner (priority 255)");
      return;
    }
    downDeadline = now + masterDownIntervalNanos();
    masterLeft = false;
    wantsMaster = false;
    transition(VrrpState.BACKUP, reason);
  }

  private void becomeMaster(long now, String reason) {
    wantsMaster = false;
    masterAdverIntervalCentis = config.advertIntervalCentis();
    preemptDeadline = NO_DEADLINE;
    actions.sendAdvert(effectivePriority(), config.advertIntervalCentis());
    adverDeadline = now + Timing.centisToNanos(config.advertIntervalCentis());
    actions.addAddresses();
    transition(VrrpState.MASTER, reason);
  }

  private void transition(VrrpState to, String reason) {
    VrrpState from = state;
    state = to;
    logger.info("({}) entering {} state ({})", config.name(), to, reason);
    actions.stateChanged(from, to, reason, effectivePriority());
  }

  /** Compares addresses as unsigned numbers (IPv4 against IPv6: shorter is smaller). */
  static int compareAddresses(InetAddress a, InetAddress b) {
    byte[] x = a.getAddress();
    byte[] y = b.getAddress();
    if (x.length != y.length) {
      return Integer.compare(x.length, y.length);
    }
    for (int i = 0; i < x.length; i++) {
      int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
