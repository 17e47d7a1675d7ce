package io.hakit.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.fsm.VrrpState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Group notify scripts in keepalived's order, with the launches recorded instead of forked: each
 * member has its own {@link NotifyRunner} and then the group's notifier, as the runner wires them.
 */
class SyncGroupNotifierTest {
  private final List<String> launched = Collections.synchronizedList(new ArrayList<>());
  private final NotifyLauncher launcher = new NotifyLauncher((owner, command) -> launched.add(owner + ": " + command));
  private final NotifyRunner instanceScripts =
      new NotifyRunner(new NotifyScripts("im", "ib", "if", "is", "ig"), launcher);
  private final SyncGroupNotifier group = new SyncGroupNotifier("G1", List.of("VI_1", "VI_2"),
      new NotifyScripts("gm", "gb", "gf", "gs", "gg"), launcher);

  private void change(String instance, VrrpState from, VrrpState to) {
    StateChange c = new StateChange(instance, from, to, "test", 100);
    instanceScripts.onStateChange(c);
    group.onStateChange(c);
  }

  private List<String> launches() throws InterruptedException {
    launcher.close();
    assertThat(launcher.awaitClosed(5_000)).isTrue();
    synchronized (launched) {
      return List.copyOf(launched);
    }
  }

  @Test
  void onStateChange_startMasterStop_groupScriptsOncePerGroupStateAfterTheMovingMembersOwn() throws Exception {
    change("VI_1", VrrpState.INIT, VrrpState.BACKUP);
    change("VI_2", VrrpState.INIT, VrrpState.BACKUP);
    change("VI_2", VrrpState.BACKUP, VrrpState.MASTER);
    change("VI_1", VrrpState.BACKUP, VrrpState.MASTER); // brought along by the sync group
    change("VI_1", VrrpState.MASTER, VrrpState.INIT);
    assertThat(group.state()).as("one member still runs").isEqualTo("MASTER");
    change("VI_2", VrrpState.MASTER, VrrpState.INIT);

    assertThat(launches()).containsExactly(
        "VI_1: ib", "VI_1: ig INSTANCE 'VI_1' BACKUP 100",
        "G1: gb", "G1: gg GROUP 'G1' BACKUP 0",
        "VI_2: ib", "VI_2: ig INSTANCE 'VI_2' BACKUP 100",
        "VI_2: im", "VI_2: ig INSTANCE 'VI_2' MASTER 100",
        "G1: gm", "G1: gg GROUP 'G1' MASTER 0",
        "VI_1: im", "VI_1: ig INSTANCE 'VI_1' MASTER 100",
        "VI_1: is", "VI_1: ig INSTANCE 'VI_1' STOP 100",
        "VI_2: is", "VI_2: ig INSTANCE 'VI_2' STOP 100",
        "G1: gs", "G1: gg GROUP 'G1' STOP 0");
  }

  @Test
  void onStateChange_memberFault_groupFaultUntilNoMemberIsFaulty() throws Exception {
    change("VI_1", VrrpState.INIT, VrrpState.BACKUP);
    change("VI_2", VrrpState.INIT, VrrpState.BACKUP);
    change("VI_1", VrrpState.BACKUP, VrrpState.FAULT);
    change("VI_2", VrrpState.BACKUP, VrrpState.FAULT);
    change("VI_1", VrrpState.FAULT, VrrpState.BACKUP);
    assertThat(group.state()).as("VI_2 still faulty").isEqualTo("FAULT");
    change("VI_2", VrrpState.FAULT, VrrpState.BACKUP);

    assertThat(launches()).filteredOn(l -> l.startsWith("G1:")).containsExactly(
        "G1: gb", "G1: gg GROUP 'G1' BACKUP 0",
        "G1: gf", "G1: gg GROUP 'G1' FAULT 0",
        "G1: gb", "G1: gg GROUP 'G1' BACKUP 0");
  }

  @Test
  void onStateChange_onlyGenericScript_runsWithGroupArguments() throws Exception {
    SyncGroupNotifier generic = new SyncGroupNotifier("it's", List.of("A", "B"),
        new NotifyScripts(null, null, null, null, "/x/notify.sh"), launcher);

    generic.onStateChange(new StateChange("A", VrrpState.INIT, VrrpState.MASTER, "test", 100));

    assertThat(launches()).containsExactly("it's: /x/notify.sh GROUP 'it'\\''s' MASTER 0");
  }

  @Test
  void launch_starterStuck_callerNeverBlocksAndTheQueueIsBounded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    NotifyLauncher stuck = new NotifyLauncher((owner, command) -> {
      started.add(command);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 0; i < NotifyLauncher.MAX_PENDING + 10; i++) {
      stuck.launch("VI_1", "script " + i);
    }
    release.countDown();
    stuck.close();

    assertThat(stuck.awaitClosed(10_000)).isTrue();
    // one running when the others were asked for, MAX_PENDING waiting, the rest dropped
    assertThat(started).hasSizeBetween(NotifyLauncher.MAX_PENDING, NotifyLauncher.MAX_PENDING + 1)
        .startsWith("script 0");
  }
}
