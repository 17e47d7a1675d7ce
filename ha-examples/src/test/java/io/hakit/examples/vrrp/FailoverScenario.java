package io.hakit.examples.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

/**
 * The scenario of issue 5 for one pair: {@code high} (priority 150) on node h, {@code low}
 * (priority 100) on node k, same VRID and VIP.
 *
 * <ol>
 *   <li>high is master, the VIP only on h;
 *   <li>power loss of h (SIGKILL and link down): low holds the VIP within its Master_Down_Interval
 *       plus a bound;
 *   <li>h back (link up, high restarted): the VIP it left behind is removed at start, then high
 *       preempts and low drops the VIP;
 *   <li>SIGTERM to high: low takes over after Skew_Time, high exits 0.
 * </ol>
 */
final class FailoverScenario {
  /** Scheduling, process and polling slack on a shared 2-core machine. */
  static final long BOUND_MILLIS = 1000;

  /** What the scenario measured. */
  record Timings(long crashToBackupMillis, long crashToClientMillis, long gracefulToBackupMillis,
      long gracefulToClientMillis) {}

  private FailoverScenario() {}

  static Timings run(VrrpRig rig, VrrpRig.Speaker high, VrrpRig.Speaker low, Function<Integer, Conf> conf)
      throws Exception {
    Conf highConf = conf.apply(150);
    Conf lowConf = conf.apply(100);
    RunningSpeaker lowProcess = low.start(rig, rig.k, "low", lowConf);
    RunningSpeaker highProcess = high.start(rig, rig.h, "high", highConf);
    rig.awaitCondition(() -> lowProcess.isReady() && highProcess.isReady(), 20_000, "both speakers running");
    // Both start as BACKUP; whoever wins first, high preempts within one more Master_Down_Interval.
    rig.awaitVipOnlyOn(rig.h, rig.k, 3 * lowConf.masterDownMillis() + 5000, System.nanoTime(),
        "high (priority 150) master, VIP only on h");
    rig.assertVipStaysOnlyOn(rig.h, rig.k, lowConf.masterDownMillis() + 200,
        "low hears high's adverts: no takeover for a whole Master_Down_Interval");
    rig.awaitServedBy(rig.h, 5000, System.nanoTime(), "the client reaches h on the VIP");

    long crash = System.nanoTime();
    highProcess.crash();
    rig.h.linkDown();
    long crashToBackup = rig.awaitVipOn(rig.k, lowConf.masterDownMillis() + BOUND_MILLIS, crash,
        "low takes the VIP after high's power loss");
    assertThat(rig.h.has(Conf.VIP_CIDR)).as("a killed speaker leaves its VIP behind on the dead node").isTrue();
    long crashToClient = rig.awaitServedBy(rig.k, 5000, crash, "the client reaches k on the VIP after the crash");

    rig.h.linkUp();
    RunningSpeaker again = high.start(rig, rig.h, "high-again", highConf);
    rig.awaitCondition(() -> !rig.h.has(Conf.VIP_CIDR) || !again.isAlive(), highConf.masterDownMillis() + 5000,
        "high removes the stale VIP at start");
    assertThat(again.isAlive()).as(again.log()).isTrue();
    rig.awaitVipOnlyOn(rig.h, rig.k, 2 * highConf.masterDownMillis() + BOUND_MILLIS + 3000, System.nanoTime(),
        "high preempts, low drops the VIP");
    rig.awaitServedBy(rig.h, 5000, System.nanoTime(), "the client reaches h again");

    long term = System.nanoTime();
    again.terminate();
    long gracefulToBackup = rig.awaitVipOnlyOn(rig.k, rig.h, lowConf.skewMillis() + BOUND_MILLIS + 10_000, term,
        "low takes over after high's priority-0 advert");
    long gracefulToClient = rig.awaitServedBy(rig.k, 5000, term, "the client reaches k after the graceful stop");
    int exit = again.awaitExit(10);
    assertThat(exit).as("exit status after SIGTERM\n" + again.log()).isZero();
    assertThat(gracefulToBackup).as("graceful handover within Skew_Time plus a bound\n" + rig.logs())
        .isLessThan(lowConf.skewMillis() + BOUND_MILLIS);
    assertThat(lowProcess.isAlive()).isTrue();
    return new Timings(crashToBackup, crashToClient, gracefulToBackup, gracefulToClient);
  }
}
