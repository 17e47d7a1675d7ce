package io.hakit.examples.vrrp;

import io.hakit.core.testing.Interop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline: the failover scenario with keepalived on both nodes, at the intervals the HAKit
 * interop tests use. Its timings are logged next to HAKit's (the goal: HAKit no slower).
 */
class KeepalivedPairFailoverIT {
  private static final Logger logger = LoggerFactory.getLogger(KeepalivedPairFailoverIT.class);
  private VrrpRig rig;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
    rig = VrrpRig.create();
  }

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void keepalivedPair_v2OneSecond_crashAndGracefulHandover() throws Exception {
    FailoverScenario.Timings t = FailoverScenario.run(rig, VrrpRig.KEEPALIVED, VrrpRig.KEEPALIVED,
        prio -> Conf.v2("kp" + prio, prio));

    logger.info("keepalived pair, v2 advert 1 s: crash -> backup holds VIP in {} ms; SIGTERM -> backup in {} ms",
        t.crashToBackupMillis(), t.gracefulToBackupMillis());
  }

  @Test
  void keepalivedPair_v3HundredMillis_crashAndGracefulHandover() throws Exception {
    FailoverScenario.Timings t = FailoverScenario.run(rig, VrrpRig.KEEPALIVED, VrrpRig.KEEPALIVED,
        prio -> Conf.v3("kp" + prio, prio));

    logger.info("keepalived pair, v3 advert 100 ms: crash -> backup holds VIP in {} ms; SIGTERM -> backup in {} ms",
        t.crashToBackupMillis(), t.gracefulToBackupMillis());
  }
}
