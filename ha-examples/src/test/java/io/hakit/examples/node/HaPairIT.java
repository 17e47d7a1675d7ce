package io.hakit.examples.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6's end-to-end test: the seed's two-node HA proxy with real processes. Two
 * {@code java -jar hakit.jar node -f haproxy.cfg -k keepalived.conf} JVMs, one in namespace n1
 * (priority 150) and one in n2 (priority 100), with the seed's haproxy.cfg adapted to the test LAN
 * (see {@link PairConfigs}) and one keepalived.conf each (VRID 61, VIP 198.18.0.100/24 on eth0,
 * advert_int 1, VRRP v2). A client namespace asks VIP:5000; an origins namespace serves the seed's
 * backends, each answering with its name.
 *
 * <p>Each node's {@code app} backend has its own origin (app1 for n1, app2 for n2), for two reasons.
 * The health test needs it: the node's proxy health follows its default backend, so with one app
 * origin shared by both nodes, stopping it makes both proxies unhealthy, both instances go to
 * FAULT and the VIP is served by nobody, which proves nothing about a move. With one origin per
 * node, stopping app1 is "n1's proxy can no longer serve" while n2's still can: the classic case
 * that keepalived's chk_haproxy covers. (The other trigger, the proxy no longer listening, cannot
 * be caused from outside a HAKit node without killing its JVM, which the crash test already does.)
 * And the answer's body tells which node's proxy served the client.
 *
 * <p>Processes, origins and namespaces are removed in {@link #tearDown} / {@link #closeRig}, also
 * after a failure; every process also dies with a JVM shutdown hook.
 */
class HaPairIT {
  private static final Logger logger = LoggerFactory.getLogger(HaPairIT.class);
  /** Scheduling, JVM and polling slack on a shared 2-core machine, on top of the protocol's bound. */
  static final long MARGIN_MILLIS = 1500;
  /** JVM start (JIT, config reading) on a loaded machine, plus the first election. */
  static final long START_MILLIS = 30_000;
  /** Skew_Time of the backup (priority 100, advert_int 1): how long it waits after a priority-0 advert. */
  static final long SKEW_100_MILLIS = (256 - 100) * 1000 / 256;

  private static PairRig rig;

  @BeforeAll
  static void createRig() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
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
    rig.startOrigins();
  }

  @Test
  void pair_masterPowerLoss_backupServesThenMasterPreemptsBack() throws Exception {
    PairNode n2 = rig.startHakit(rig.n2, "n2", 100);
    PairNode n1 = rig.startHakit(rig.n1, "n1", 150);
    awaitN1Master(n1, n2);

    // the seed's ACLs: path_beg /static /images /javascript /stylesheets, path_end .jpg .gif .png .css .js, -i
    for (String path : new String[] {"/static/x", "/images/logo", "/javascript/a", "/stylesheets/b", "/x.css",
        "/X.JPG", "/a/b.gif", "/p.PNG", "/app.js"}) {
      assertThat(rig.client.get(path)).as("GET " + path).hasToString("200 static");
    }
    for (String path : new String[] {"/", "/index.html", "/api/static", "/x.jpeg", "/css", "/img/x.jpeg"}) {
      assertThat(rig.client.get(path)).as("GET " + path).hasToString("200 app1");
    }

    ClientLoop loop = ClientLoop.start(rig.client, "/");
    long crash = System.nanoTime();
    n1.crash();
    rig.n1.linkDown();
    long takeover = rig.awaitVipOn(rig.n2, PairConfigs.LOW_MASTER_DOWN_MILLIS + MARGIN_MILLIS, crash,
        "n2 holds the VIP within Master_Down_Interval after n1's power loss");
    rig.awaitCondition(() -> loop.answeredBy("app2", crash), 5000, "the client is served through n2");
    ClientLoop.Move move = loop.stop("app2", crash);
    logger.info("HAKit pair, power loss of the master: VIP on the backup after {} ms; client served again after {} ms,"
        + " {} failed requests", takeover, move.outageMillis(), move.failed());
    assertThat(move.recovered()).isTrue();
    assertThat(rig.client.get("/static/x")).hasToString("200 static");
    assertThat(rig.n1.has(PairConfigs.VIP_CIDR)).as("a killed node leaves its VIP behind").isTrue();

    rig.n1.linkUp();
    PairNode again = rig.startHakit(rig.n1, "n1-again", 150);
    rig.awaitCondition(() -> !rig.n1.has(PairConfigs.VIP_CIDR) || !again.isAlive(), START_MILLIS,
        "n1 removes its stale VIP at start");
    assertThat(again.isAlive()).as(again.log()).isTrue();
    long preempt = System.nanoTime();
    rig.awaitVipOnlyOn(rig.n1, rig.n2, 2 * PairConfigs.HIGH_MASTER_DOWN_MILLIS + MARGIN_MILLIS + 3000, preempt,
        "n1 preempts, n2 drops the VIP");
    rig.awaitServedBy("/", "app1", 5000, "the client is served through n1 again");
    assertThat(rig.client.get("/images/a.png")).hasToString("200 static");

    // the operator stops the master (systemctl stop): VRRP first (priority-0 advert), then the proxy
    long term = System.nanoTime();
    again.process(0).terminate();
    long handover = rig.awaitVipOnlyOn(rig.n2, rig.n1, SKEW_100_MILLIS + MARGIN_MILLIS + 2000, term,
        "n1 stopped with SIGTERM hands the VIP over at once");
    int exit = again.process(0).awaitExit(15);
    rig.awaitServedBy("/", "app2", 5000, "the client is served through n2 after n1's stop");
    assertThat(exit).as("exit status after SIGTERM\n" + again.log()).isZero();
    assertThat(handover).as("handover within n2's Skew_Time plus a bound\n" + rig.state())
        .isLessThan(SKEW_100_MILLIS + MARGIN_MILLIS);
    logger.info("HAKit pair, SIGTERM to the master: VIP on the backup after {} ms", handover);
  }

  @Test
  void pair_defaultBackendAllDownOnMaster_vipMovesToPeerAndBack() throws Exception {
    PairNode n2 = rig.startHakit(rig.n2, "n2", 100);
    PairNode n1 = rig.startHakit(rig.n1, "n1", 150);
    awaitN1Master(n1, n2);

    long down = System.nanoTime();
    rig.app1.stop();
    // 3 failed checks 500 ms apart, then FAULT: a priority-0 advert, n2 takes over after its Skew_Time
    long moved = rig.awaitVipOnlyOn(rig.n2, rig.n1, 3 * 500 + 1000 + MARGIN_MILLIS + 1000, down,
        "n1's app backend has no server UP: n1 goes to FAULT, n2 takes the VIP");
    rig.awaitServedBy("/", "app2", 5000, "the client is served through n2");
    assertThat(n1.entered("FAULT")).as(n1.log()).isTrue();
    assertThat(n1.isAlive()).isTrue();

    long up = System.nanoTime();
    rig.app1.start();
    // 2 good checks, then BACKUP, then n1 preempts after its Master_Down_Interval
    long back = rig.awaitVipOnlyOn(rig.n1, rig.n2, 2 * 500 + 1000 + PairConfigs.HIGH_MASTER_DOWN_MILLIS
        + MARGIN_MILLIS + 1000, up, "app1 back: n1 leaves FAULT and preempts");
    rig.awaitServedBy("/", "app1", 5000, "the client is served through n1 again");
    logger.info("HAKit pair, default backend down on the master: VIP on the peer after {} ms; back {} ms after"
        + " the origin returned", moved, back);
  }

  @Test
  void pair_defaultBackendAllDownWithNegativeProxyWeight_masterLowersPriorityAndPeerPreempts() throws Exception {
    PairNode n2 = rig.startHakit(rig.n2, "n2", 100);
    PairNode n1 = rig.startHakit(rig.n1, "n1", 150, List.of("--proxy-weight", "-60"));
    awaitN1Master(n1, n2);

    long down = System.nanoTime();
    rig.app1.stop();
    // 3 failed checks, n1 advertises 150 - 60 = 90; n2 (100, preempt) ignores lower adverts and
    // takes over when its Master_Down_Interval runs out; n1 hears 100 > 90 and steps down
    long moved = rig.awaitVipOnlyOn(rig.n2, rig.n1, 3 * 500 + 1000 + PairConfigs.LOW_MASTER_DOWN_MILLIS
        + MARGIN_MILLIS + 1000, down, "n1 at priority 90: n2 (100) preempts");
    rig.awaitServedBy("/", "app2", 5000, "the client is served through n2");
    assertThat(n1.entered("FAULT")).as("a negative weight lowers the priority, no FAULT\n" + n1.log()).isFalse();
    assertThat(n1.log()).contains("(priority 90)");

    long up = System.nanoTime();
    rig.app1.start();
    long back = rig.awaitVipOnlyOn(rig.n1, rig.n2, 2 * 500 + 1000 + PairConfigs.HIGH_MASTER_DOWN_MILLIS
        + MARGIN_MILLIS + 1000, up, "app1 back: n1 at 150 again preempts");
    rig.awaitServedBy("/", "app1", 5000, "the client is served through n1 again");
    logger.info("HAKit pair, default backend down on the master with --proxy-weight -60: VIP on the peer after {} ms;"
        + " back {} ms after the origin returned", moved, back);
  }

  private static void awaitN1Master(PairNode n1, PairNode n2) {
    rig.awaitCondition(() -> (n1.isReady() && n2.isReady()) || !n1.isAlive() || !n2.isAlive(), START_MILLIS,
        "both nodes running");
    assertThat(n1.isAlive() && n2.isAlive()).as(rig.state()).isTrue();
    // both start as BACKUP; whoever wins first, n1 (150) preempts within one more Master_Down_Interval
    rig.awaitVipOnlyOn(rig.n1, rig.n2, 3 * PairConfigs.LOW_MASTER_DOWN_MILLIS + 5000, System.nanoTime(),
        "n1 (priority 150) master, the VIP on n1 only");
    rig.awaitServedBy("/", "app1", 5000, "the client reaches the proxy of n1 through the VIP");
  }
}
