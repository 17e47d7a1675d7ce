package io.hakit.examples.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.examples.vrrp.Lan;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HAKit node replaces one side of an existing haproxy + keepalived pair: one node runs
 * {@code java -jar hakit.jar node}, the other Debian's {@code haproxy -db -f haproxy.cfg} and
 * {@code keepalived -n -l -D -P -f keepalived.conf} with the equivalent files (the same seed
 * haproxy.cfg with its host paths moved to the test's directory; the same VRRP instance, plus the
 * classic {@code chk_haproxy} vrrp_script, see {@code node/keepalived-chk-haproxy.conf}).
 *
 * <p>Each test crashes the master side (SIGKILL of its processes, link down) and checks that the
 * other side takes the VIP and serves the client, then brings the crashed side back and checks that
 * it preempts and serves again: the VIP moves both ways, and across the two tests each product is
 * crashed once as master. The second test also kills haproxy alone on the keepalived master: the
 * classic chk_haproxy puts keepalived in FAULT and the HAKit node takes over.
 */
class MixedPairIT {
  private static final Logger logger = LoggerFactory.getLogger(MixedPairIT.class);

  /** Starts one side of the pair on a node. */
  @FunctionalInterface
  private interface Side {
    PairNode start(PairRig rig, Lan.Node node, String name, int priority) throws IOException;
  }

  private static final Side HAKIT = PairRig::startHakit;
  private static final Side HAPROXY_KEEPALIVED = PairRig::startHaproxyKeepalived;

  private static PairRig rig;

  @BeforeAll
  static void createRig() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"), Interop.binary("haproxy"));
    rig = PairRig.create();
  }

  @AfterAll
  static void closeRig() {
    if (rig != null) {
      rig.close();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (rig == null) {
      return;
    }
    rig.killSides();
    rig.n1.linkUp();
  }

  @Test
  void hakitMaster_powerLoss_keepalivedServes_thenHakitPreemptsBack() throws Exception {
    scenario("HAKit master (n1), haproxy + keepalived backup (n2)", HAKIT, HAPROXY_KEEPALIVED);
  }

  @Test
  void keepalivedMaster_powerLoss_hakitServes_thenKeepalivedPreemptsBack_thenHaproxyDeath() throws Exception {
    PairNode master = scenario("haproxy + keepalived master (n1), HAKit backup (n2)", HAPROXY_KEEPALIVED, HAKIT);

    long kill = System.nanoTime();
    master.process(0).crash();
    // chk_haproxy fails within its 1 s interval: keepalived goes to FAULT (priority-0 advert)
    long moved = rig.awaitVipOnlyOn(rig.n2, rig.n1, 1000 + 1000 + HaPairIT.MARGIN_MILLIS + 1000, kill,
        "haproxy dead on n1: chk_haproxy fails, keepalived hands the VIP to the HAKit node");
    rig.awaitServedBy("/", "app2", 5000, "the client is served by the HAKit node");
    assertThat(master.entered("FAULT")).as(master.log()).isTrue();
    logger.info("mixed pair, haproxy killed on the keepalived master: VIP on the HAKit node after {} ms", moved);
  }

  /**
   * high on n1 (priority 150), low on n2 (100): high master; power loss of n1, low serves; n1 back,
   * high removes its stale VIP, preempts and serves. Returns the restarted high side.
   */
  private static PairNode scenario(String label, Side high, Side low) throws Exception {
    PairNode lowSide = low.start(rig, rig.n2, "n2", 100);
    PairNode highSide = high.start(rig, rig.n1, "n1", 150);
    rig.awaitCondition(() -> (highSide.isReady() && lowSide.isReady()) || !highSide.isAlive() || !lowSide.isAlive(),
        HaPairIT.START_MILLIS, "both sides running");
    assertThat(highSide.isAlive() && lowSide.isAlive()).as(rig.state()).isTrue();
    rig.awaitVipOnlyOn(rig.n1, rig.n2, 3 * PairConfigs.LOW_MASTER_DOWN_MILLIS + 5000, System.nanoTime(),
        "n1 (priority 150) master, the VIP on n1 only");
    rig.awaitServedBy("/", "app1", 5000, "the client reaches n1's proxy through the VIP");
    assertThat(rig.client.get("/static/a.css")).hasToString("200 static");

    ClientLoop loop = ClientLoop.start(rig.client, "/");
    long crash = System.nanoTime();
    highSide.crash();
    rig.n1.linkDown();
    long takeover = rig.awaitVipOn(rig.n2, PairConfigs.LOW_MASTER_DOWN_MILLIS + HaPairIT.MARGIN_MILLIS, crash,
        "n2 holds the VIP within Master_Down_Interval after n1's power loss");
    rig.awaitCondition(() -> loop.answeredBy("app2", crash), 5000, "the client is served through n2");
    ClientLoop.Move move = loop.stop("app2", crash);
    assertThat(rig.client.get("/images/b.gif")).hasToString("200 static");

    rig.n1.linkUp();
    PairNode again = high.start(rig, rig.n1, "n1-again", 150);
    rig.awaitCondition(() -> !rig.n1.has(PairConfigs.VIP_CIDR) || !again.isAlive(), HaPairIT.START_MILLIS,
        "n1 removes its stale VIP at start");
    assertThat(again.isAlive()).as(again.log()).isTrue();
    long preempt = rig.awaitVipOnlyOn(rig.n1, rig.n2, 2 * PairConfigs.HIGH_MASTER_DOWN_MILLIS
        + HaPairIT.MARGIN_MILLIS + 3000, System.nanoTime(), "n1 preempts, n2 drops the VIP");
    rig.awaitServedBy("/", "app1", 5000, "the client is served through n1 again");
    assertThat(rig.client.get("/STATIC/c")).hasToString("200 static");
    logger.info("mixed pair, {}: power loss -> VIP on n2 after {} ms; client served again after {} ms, {} failed"
        + " requests; n1 back and master {} ms after its stale VIP was gone", label, takeover, move.outageMillis(),
        move.failed(), preempt);
    assertThat(lowSide.isAlive()).isTrue();
    return again;
  }
}
