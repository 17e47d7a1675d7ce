package io.hakit.examples.vrrp;

import io.hakit.core.testing.Interop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The baseline: the failover scenario with keepalived on both nodes, at the intervals the HAKit
 * interop tests use. Its timings are logged next to HAKit's (the goal: HAKit no slower).
 */
class KeepalivedPairFailoverIT {
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
  void keepalivedPair_v2OneSecond_crashAndGracefulHandover() throws Exception {
    FailoverScenario.Timings t = FailoverScenario.run(rig, VrrpRig.KEEPALIVED, VrrpRig.KEEPALIVED,
        prio -> Conf.v2("kp" + prio, prio));

    HakitCliInteropIT.report("keepalived pair, v2 multicast 1 s", t);
  }

  @Test
  void keepalivedPair_v3HundredMillis_crashAndGracefulHandover() throws Exception {
    FailoverScenario.Timings t = FailoverScenario.run(rig, VrrpRig.KEEPALIVED, VrrpRig.KEEPALIVED,
        prio -> Conf.v3("kp" + prio, prio));

    HakitCliInteropIT.report("keepalived pair, v3 multicast 100 ms", t);
  }
}
