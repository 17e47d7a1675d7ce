package io.hakit.examples.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5's interop scenario with HAKit run as {@code hakit vrrp -f keepalived.conf} (a JVM in
 * node h's or k's namespace) and Debian's keepalived 2.2.7 on the other node, both reading the
 * same keepalived.conf text (only router_id and priority differ). A client in a third namespace
 * checks that the VIP answers from the right node after every move. See {@link FailoverScenario}.
 */
class HakitCliInteropIT {
  private static final Logger logger = LoggerFactory.getLogger(HakitCliInteropIT.class);
  private VrrpRig rig;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
    rig = VrrpRig.create();
    rig.startService();
  }

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void hakitHighKeepalivedLow_v2MulticastOneSecond_crashRecoverGraceful() throws Exception {
    report("HAKit (150) vs keepalived (100), v2 multicast 1 s",
        FailoverScenario.run(rig, VrrpRig.HAKIT, VrrpRig.KEEPALIVED, prio -> Conf.v2("n" + prio, prio)));

    // the graceful stop printed its counters: adverts sent and received, masterships, no drops
    assertThat(rig.logs()).containsPattern("\\(VI_51\\) stopped: sent=[1-9][0-9]* received=[1-9][0-9]* becameMaster=1 drops=\\{\\}");
  }

  @Test
  void keepalivedHighHakitLow_v2PasswordOneSecond_crashRecoverGraceful() throws Exception {
    report("keepalived (150) vs HAKit (100), v2 multicast 1 s, auth PASS",
        FailoverScenario.run(rig, VrrpRig.KEEPALIVED, VrrpRig.HAKIT,
            prio -> Conf.v2("n" + prio, prio).withPassword("secret12")));
  }

  @Test
  void hakitHighKeepalivedLow_v3MulticastHundredMillis_crashRecoverGraceful() throws Exception {
    report("HAKit (150) vs keepalived (100), v3 multicast 100 ms",
        FailoverScenario.run(rig, VrrpRig.HAKIT, VrrpRig.KEEPALIVED, prio -> Conf.v3("n" + prio, prio)));
  }

  @Test
  void keepalivedHighHakitLow_v3UnicastHundredMillis_crashRecoverGraceful() throws Exception {
    // high runs on h (198.18.0.1), low on k (198.18.0.2): each names the other as its peer
    report("keepalived (150) vs HAKit (100), v3 unicast 100 ms",
        FailoverScenario.run(rig, VrrpRig.KEEPALIVED, VrrpRig.HAKIT, prio -> prio == 150
            ? Conf.v3("n150", 150).withUnicast(rig.h.ip, rig.k.ip)
            : Conf.v3("n100", 100).withUnicast(rig.k.ip, rig.h.ip)));
  }

  @Test
  void hakitHighKeepalivedLow_v3LinkCutWhileRunning_faultThenBackAndPreempt() throws Exception {
    Conf high = Conf.v3("n150", 150);
    Conf low = Conf.v3("n100", 100);
    RunningSpeaker keepalived = VrrpRig.KEEPALIVED.start(rig, rig.k, "low", low);
    RunningSpeaker hakit = VrrpRig.HAKIT.start(rig, rig.h, "high", high);
    rig.awaitCondition(() -> keepalived.isReady() && hakit.isReady(), 20_000, "both speakers running");
    rig.awaitVipOnlyOn(rig.h, rig.k, 10_000, System.nanoTime(), "HAKit master");

    // keepalived's rule: the instance's own interface is tracked, link down means FAULT
    long cut = System.nanoTime();
    rig.h.linkDown();
    long takeover = rig.awaitVipOnlyOn(rig.k, rig.h, low.masterDownMillis() + 5_000, cut,
        "keepalived master, HAKit in FAULT without the VIP");
    assertThat(hakit.isAlive()).isTrue();
    assertThat(hakit.log()).contains("entering FAULT state");

    rig.h.linkUp();
    rig.awaitVipOnlyOn(rig.h, rig.k, 10_000, System.nanoTime(), "HAKit back from FAULT preempts");
    logger.info("link cut under a running HAKit master: keepalived holds the VIP after {} ms", takeover);
  }

  @Test
  void hakitPair_v2MulticastOneSecond_failoverTimesForComparison() throws Exception {
    report("HAKit pair, v2 multicast 1 s",
        FailoverScenario.run(rig, VrrpRig.HAKIT, VrrpRig.HAKIT, prio -> Conf.v2("n" + prio, prio)));
  }

  @Test
  void hakitPair_v3MulticastHundredMillis_failoverTimesForComparison() throws Exception {
    report("HAKit pair, v3 multicast 100 ms",
        FailoverScenario.run(rig, VrrpRig.HAKIT, VrrpRig.HAKIT, prio -> Conf.v3("n" + prio, prio)));
  }

  static void report(String what, FailoverScenario.Timings t) {
    logger.info("{}: crash -> backup holds VIP in {} ms, client served by it in {} ms; SIGTERM -> backup in {} ms,"
        + " client in {} ms", what, t.crashToBackupMillis(), t.crashToClientMillis(), t.gracefulToBackupMillis(),
        t.gracefulToClientMillis());
  }
}
