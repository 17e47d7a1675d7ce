package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.health.Health;
import io.hakit.core.health.ManualHealthSource;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with an "inside" (VRID 51) and an "outside" (VRID 52) instance in one sync group:
 * when node X loses the inside election, its outside instance follows, although nothing is wrong
 * with it and its priority is the higher one.
 */
class SyncGroupTest {
  private static final Duration WAIT = Duration.ofSeconds(8);
  private final InJvmLink inside = new InJvmLink("inside");
  private final InJvmLink outside = new InJvmLink("outside");
  private final List<VrrpInstance> started = new ArrayList<>();

  private static VrrpInstance instance(String name, int vrid, int priority, String vip, VrrpTransportFactory t,
      ManualHealthSource health) {
    return VrrpInstance.builder().name(name).vrid(vrid).priority(priority).interfaceName("eth" + vrid).version(3)
        .advertInterval(Duration.ofMillis(200)).virtualAddress(vip).track(health, -100)
        .transportFactory(t).addressManager(io.hakit.vrrp.address.CallbackAddressManager.builder().build()).build();
  }

  private void start(VrrpInstance... instances) throws Exception {
    for (VrrpInstance i : instances) {
      started.add(i);
      i.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (VrrpInstance i : started) {
      i.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void groupsMoveTogether_noSplitOnPartialPreemption_wholeGroupTakesOverWhenMemberLeaves() throws Exception {
    ManualHealthSource ok = new ManualHealthSource("ok", Health.up("ok"));
    InetAddress x = InetAddress.getByName("198.18.0.11");
    InetAddress y = InetAddress.getByName("198.18.0.12");
    VrrpInstance xIn = instance("X_in", 51, 150, "198.18.0.200/24", inside.factory(x), ok);
    VrrpInstance xOut = instance("X_out", 52, 150, "198.18.1.200/24", outside.factory(x), ok);
    VrrpInstance yIn = instance("Y_in", 51, 200, "198.18.0.200/24", inside.factory(y), ok);
    VrrpInstance yOut = instance("Y_out", 52, 100, "198.18.1.200/24", outside.factory(y), ok);
    SyncGroup.of("X", List.of(xIn, xOut));
    SyncGroup.of("Y", List.of(yIn, yOut));
    start(xIn, xOut);
    Await.until(() -> xIn.vrrpState() == VrrpState.MASTER && xOut.vrrpState() == VrrpState.MASTER, WAIT,
        () -> "X masters both: " + List.of(xIn, xOut));

    // Y joins with a higher inside priority but a lower outside one. Alone, Y_in would preempt and
    // split the pair across nodes; in a group it waits, because Y_out still follows a live master
    // (keepalived: "only sync to master if everyone wants to").
    start(yIn, yOut);
    Await.until(() -> yIn.counters().advertsReceived() >= 10 && yOut.counters().advertsReceived() >= 10, WAIT,
        () -> "Y hears X");
    assertThat(List.of(xIn.vrrpState(), xOut.vrrpState(), yIn.vrrpState(), yOut.vrrpState()))
        .containsExactly(VrrpState.MASTER, VrrpState.MASTER, VrrpState.BACKUP, VrrpState.BACKUP);
    assertThat(yIn.counters().becameMaster()).isZero();

    // X_out leaves (priority 0): Y_out takes over after Skew_Time, Y_in follows at once and
    // preempts the inside, and X_in steps down: the whole pair moved to Y.
    xOut.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Await.until(() -> yIn.vrrpState() == VrrpState.MASTER && yOut.vrrpState() == VrrpState.MASTER
        && xIn.vrrpState() == VrrpState.BACKUP, WAIT, () -> "Y masters both: " + List.of(xIn, yIn, yOut));
  }

  @Test
  void of_startedOrSingleMember_rejected() throws Exception {
    ManualHealthSource ok = new ManualHealthSource("ok", Health.up("ok"));
    InetAddress x = InetAddress.getByName("198.18.0.11");
    VrrpInstance a = instance("A", 51, 100, "198.18.0.200/24", inside.factory(x), ok);
    assertThatThrownBy(() -> SyncGroup.of("G", List.of(a))).hasMessage("members: 1 (expected: at least 2)");
    VrrpInstance b = instance("B", 52, 100, "198.18.1.200/24", outside.factory(x), ok);
    start(b);
    assertThatThrownBy(() -> SyncGroup.of("G", List.of(a, b))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected: NEW");
  }
}
