package io.hakit.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.VrrpStateListener;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes, each running the same keepalived.conf text (but its priority) on an in-JVM link. */
class KeepalivedRunnerTest {
  private final InJvmLink link = new InJvmLink("conf");
  private final List<KeepalivedRunner> runners = new ArrayList<>();
  @TempDir
  Path dir;

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
    for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within 8 s: " + what);
      }
      LockSupport.parkNanos(5_000_000L);
    }
  }

  private String conf(int priority, String extraInstance) {
    return """
        global_defs {
          router_id node%d
          vrrp_garp_master_repeat 1
          vrrp_garp_master_delay 0
        }
        vrrp_script chk_file {
          script "test -f %s/healthy"
          interval 0.1
          weight 0
        }
        vrrp_instance VI_1 {
          state BACKUP
          interface lo
          virtual_router_id 51
          priority %d
          version 3
          advert_int 0.2
          virtual_ipaddress {
            198.18.0.200/24
          }
          track_script {
            chk_file
          }
          notify "%s/notify.sh"
          %s
        }
        """.formatted(priority, dir, priority, dir, extraInstance);
  }

  private KeepalivedRunner run(String address, int priority, String extra, CallbackAddressManager vips)
      throws Exception {
    KeepalivedConfig config = KeepalivedConfigReader.parse("node" + priority + ".conf", conf(priority, extra));
    KeepalivedRunner r = KeepalivedRunner.create(config, link.factory(InetAddress.getByName(address)), vips);
    runners.add(r);
    r.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return r;
  }

  @AfterEach
  void stop() throws Exception {
    for (KeepalivedRunner r : runners) {
      r.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void run_twoNodes_electionScriptFaultNotifyAndGracefulStop() throws Exception {
    Files.createFile(dir.resolve("healthy"));
    Path log = dir.resolve("notify.log");
    Path notify = dir.resolve("notify.sh");
    Files.writeString(notify, "#!/bin/sh\necho \"$@\" >> " + log + "\n");
    notify.toFile().setExecutable(true);
    CallbackAddressManager vipsA = CallbackAddressManager.builder().build();
    CallbackAddressManager vipsB = CallbackAddressManager.builder().build();
    KeepalivedRunner a = run("198.18.0.11", 150, "", vipsA);
    KeepalivedRunner b = run("198.18.0.12", 100, "", vipsB);
    VrrpInstance ia = a.instances().get(0);
    VrrpInstance ib = b.instances().get(0);
    await(() -> ia.vrrpState() == VrrpState.MASTER && ib.vrrpState() == VrrpState.BACKUP
        && !vipsA.present().isEmpty(), "A master with the VIP, B backup");
    await(() -> lines(log).contains("INSTANCE VI_1 MASTER 150"), "notify for A's MASTER");

    // Both nodes share the health file: both go FAULT, and the VIP leaves A.
    Files.delete(dir.resolve("healthy"));
    await(() -> ia.vrrpState() == VrrpState.FAULT && ib.vrrpState() == VrrpState.FAULT, "both in FAULT");
    await(() -> vipsA.present().isEmpty(), "A drops the VIP");
    await(() -> lines(log).contains("INSTANCE VI_1 FAULT 150"), "notify for A's FAULT");
    Files.createFile(dir.resolve("healthy"));
    await(() -> ia.vrrpState() == VrrpState.MASTER, "A master again");

    a.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    await(() -> ib.vrrpState() == VrrpState.MASTER && !vipsB.present().isEmpty(), "B takes over");
    assertThat(vipsA.present()).isEmpty();
    await(() -> lines(log).contains("INSTANCE VI_1 STOP 150"), "notify for A's STOP");
  }

  private static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  @Test
  void create_syncGroup_membersJoined() throws Exception {
    KeepalivedConfig config = KeepalivedConfigReader.parse("g.conf", """
        vrrp_instance IN { interface lo
          virtual_router_id 51
          virtual_ipaddress { 198.18.0.200 } }
        vrrp_instance OUT { interface lo
          virtual_router_id 52
          virtual_ipaddress { 198.18.1.200 } }
        vrrp_instance ALONE { interface lo
          virtual_router_id 53
          virtual_ipaddress { 198.18.2.200 } }
        vrrp_sync_group G { group { IN OUT } }
        """);
    KeepalivedRunner r = KeepalivedRunner.create(config, link.factory(InetAddress.getByName("198.18.0.14")),
        CallbackAddressManager.builder().build());
    runners.add(r); // stopped (never started) after the test: its script threads end
    assertThat(r.instances()).extracting(i -> i.syncGroup() == null ? "-" : i.syncGroup().name())
        .containsExactly("G", "G", "-");
  }

  @Test
  void create_listenersAndTrackedPrimaryInterface_applied() throws Exception {
    Files.createFile(dir.resolve("healthy"));
    List<StateChange> seen = new ArrayList<>();
    VrrpStateListener listener = change -> {
      synchronized (seen) {
        seen.add(change);
      }
    };
    KeepalivedConfig config = KeepalivedConfigReader.parse("n.conf", conf(255, "")
        .replace("state BACKUP", "state MASTER").replace("interface lo", "interface hakit-none0"));
    KeepalivedRunner r = KeepalivedRunner.create(config, link.factory(InetAddress.getByName("198.18.0.13")),
        CallbackAddressManager.builder().build(), listener);
    runners.add(r);
    r.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    // The instance's own interface does not exist: keepalived's primary-interface tracking means FAULT.
    await(() -> r.instances().get(0).vrrpState() == VrrpState.FAULT, "FAULT for a missing interface");
    await(() -> {
      synchronized (seen) {
        return !seen.isEmpty();
      }
    }, "the listener hears of it");
    synchronized (seen) {
      assertThat(seen).last().satisfies(c -> assertThat(c.reason()).contains("no interface hakit-none0"));
    }
  }

  @Test
  void run_threeScriptsHang_eachRunsAndInterfacePollingGoesOnAndStopKillsThem() throws Exception {
    StringBuilder scripts = new StringBuilder();
    StringBuilder tracks = new StringBuilder();
    for (int n = 1; n <= 3; n++) {
      // exec: the pid written is the hung process itself
      scripts.append("""
          vrrp_script hang%d {
            script "echo $$ > %s/hang%d.pid; exec sleep 60"
            interval 1
            timeout 30
            weight -10
          }
          """.formatted(n, dir, n));
      tracks.append("hang").append(n).append('\n');
    }
    KeepalivedConfig config = KeepalivedConfigReader.parse("hang.conf", scripts + """
        vrrp_instance VI_1 {
          interface lo
          virtual_router_id 51
          priority 100
          version 3
          advert_int 0.2
          virtual_ipaddress {
            198.18.0.200/24
          }
          track_script {
            %s
          }
        }
        """.formatted(tracks));
    KeepalivedRunner r = KeepalivedRunner.create(config, link.factory(InetAddress.getByName("198.18.0.15")),
        CallbackAddressManager.builder().build());
    runners.add(r);
    r.start().toCompletableFuture().get(5, TimeUnit.SECONDS);

    await(() -> Files.exists(dir.resolve("hang1.pid")) && Files.exists(dir.resolve("hang2.pid"))
        && Files.exists(dir.resolve("hang3.pid")), "every hung script started, none waits for another");
    InterfaceHealthSource lo = r.interfaceSources().get(0);
    long before = lo.polls();
    await(() -> lo.polls() >= before + 2, "the link thread polls lo while the scripts hang");

    List<Long> pids = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      String text = "";
      for (int i = 0; i < 500 && text.isBlank(); i++) { // the file exists before echo wrote it
        text = Files.readString(dir.resolve("hang" + n + ".pid")).strip();
        LockSupport.parkNanos(10_000_000L);
      }
      pids.add(Long.parseLong(text));
    }
    r.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    pids.forEach(ScriptHealthSourceTest::awaitGone);
  }

  @Test
  void run_syncGroupNotifyScripts_runWithGroupArgumentsOnItsStateChanges() throws Exception {
    Path log = dir.resolve("notify.log");
    Path notify = dir.resolve("notify.sh");
    Files.writeString(notify, "#!/bin/sh\necho \"$@\" >> " + log + "\n");
    notify.toFile().setExecutable(true);
    KeepalivedConfig config = KeepalivedConfigReader.parse("g.conf", """
        vrrp_sync_group G1 {
          group {
            IN
            OUT
          }
          notify_master "%1$s master-script"
          notify_stop "%1$s stop-script"
          notify %1$s
        }
        vrrp_instance IN {
          interface lo
          virtual_router_id 51
          version 3
          advert_int 0.1
          virtual_ipaddress { 198.18.0.200 }
        }
        vrrp_instance OUT {
          interface lo
          virtual_router_id 52
          version 3
          advert_int 0.1
          virtual_ipaddress { 198.18.1.200 }
        }
        """.formatted(notify));
    assertThat(config.warnings()).noneMatch(w -> w.toString().contains("notify"));
    KeepalivedRunner r = KeepalivedRunner.create(config, link.factory(InetAddress.getByName("198.18.0.16")),
        CallbackAddressManager.builder().build());
    runners.add(r);
    r.start().toCompletableFuture().get(5, TimeUnit.SECONDS);

    await(() -> lines(log).containsAll(List.of("GROUP G1 BACKUP 0", "GROUP G1 MASTER 0", "master-script")),
        "group BACKUP at start, then MASTER with its own script");
    r.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    await(() -> lines(log).containsAll(List.of("GROUP G1 STOP 0", "stop-script")), "group STOP at the end");
    assertThat(lines(log)).filteredOn(l -> l.startsWith("GROUP")).hasSize(3);
  }
}
