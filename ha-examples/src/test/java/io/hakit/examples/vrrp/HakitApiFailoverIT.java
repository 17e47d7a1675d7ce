package io.hakit.examples.vrrp;

import io.hakit.core.testing.Interop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failover scenario with HAKit through its API (in this JVM, on a thread inside node h's
 * namespace) against keepalived 2.2.7 on node k. A crash is {@code abandon()} (nothing sent,
 * nothing removed) plus the link cut.
 */
class HakitApiFailoverIT {
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
  void hakitApiHighKeepalivedLow_v3HundredMillis_crashRecoverGraceful() throws Exception {
    rig.startService();
    FailoverScenario.Timings t = FailoverScenario.run(rig, VrrpRig.HAKIT_API, VrrpRig.KEEPALIVED,
        prio -> Conf.v3("n" + prio, prio));

    HakitCliInteropIT.report("HAKit API (150) vs keepalived (100), v3 multicast 100 ms", t);
  }
}
