package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.config.KeepalivedConfig;
import io.hakit.vrrp.config.KeepalivedConfigReader;
import io.hakit.vrrp.config.KeepalivedRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code vrrp_sync_group}'s notify scripts next to its members', under keepalived 2.2.7 and
 * under HAKit's runner, each in a {@link VethPairNode} with the same keepalived.conf (but the
 * notes file): start, both members master, SIGTERM / stop. Scripts run concurrently, so the notes
 * are compared as multisets: the same scripts, with the same arguments, as many times.
 */
class SyncGroupNotifyIT {
  private static final String CONF = """
      vrrp_sync_group G1 {
        group {
          VI_1
          VI_2
        }
        notify_master "DIR/note gm"
        notify_backup "DIR/note gb"
        notify_fault "DIR/note gf"
        notify_stop "DIR/note gs"
        notify DIR/note
      }
      vrrp_instance VI_1 {
        state MASTER
        interface eth0
        virtual_router_id 91
        priority 200
        version 3
        advert_int 0.1
        notify_master "DIR/note im1"
        notify_stop "DIR/note is1"
        notify DIR/note
        virtual_ipaddress {
          198.18.3.10/24
        }
      }
      vrrp_instance VI_2 {
        state MASTER
        interface eth1
        virtual_router_id 92
        priority 200
        version 3
        advert_int 0.1
        notify DIR/note
        virtual_ipaddress {
          198.18.4.10/24
        }
      }
      """;

  @TempDir
  Path dir;
  private Netns hakitNs;
  private Netns keepalivedNs;
  private Keepalived keepalived;
  private KeepalivedRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("keepalived"));
    hakitNs = VethPairNode.create("hkgh");
    keepalivedNs = VethPairNode.create("hkgk");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runner != null) {
      runner.stop(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (keepalived != null) {
      keepalived.close();
    }
    if (hakitNs != null) {
      hakitNs.close();
    }
    if (keepalivedNs != null) {
      keepalivedNs.close();
    }
  }

  /** A directory with the {@code note} script, which appends its arguments to {@code notes}. */
  private Path notesDir(String name) throws IOException {
    Path d = Files.createDirectory(dir.resolve(name));
    Path script = Files.writeString(d.resolve("note"), "#!/bin/sh\necho \"$*\" >> " + d.resolve("notes") + "\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();
    return d;
  }

  @Test
  void startMasterStop_groupAndInstanceScriptsAsKeepalivedRunsThem() throws Exception {
    Path theirs = notesDir("keepalived");
    Path ours = notesDir("hakit");
    keepalived = Keepalived.start(keepalivedNs, CONF.replace("DIR", theirs.toString()));
    KeepalivedConfig config = KeepalivedConfigReader.parse("group.conf", CONF.replace("DIR", ours.toString()));
    runner = hakitNs.call(() -> {
      KeepalivedRunner r = KeepalivedRunner.create(config, new LinuxRawTransportFactory(), new NetlinkAddressManager());
      r.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return r;
    });

    await(() -> notes(ours).contains("gm") && notes(theirs).contains("gm"), "both groups MASTER; keepalived's log:\n"
        + keepalived.log());
    assertThat(keepalived.terminate()).as("keepalived's exit status").isZero();
    runner.stop(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    await(() -> notes(theirs).contains("gs") && notes(ours).contains("gs"), "both groups STOP");

    List<String> expected = List.of("GROUP G1 BACKUP 0", "GROUP G1 MASTER 0", "GROUP G1 STOP 0", "INSTANCE VI_1 BACKUP 200",
        "INSTANCE VI_1 MASTER 200", "INSTANCE VI_1 STOP 200", "INSTANCE VI_2 BACKUP 200", "INSTANCE VI_2 MASTER 200",
        "INSTANCE VI_2 STOP 200", "gb", "gm", "gs", "im1", "is1");
    await(() -> notes(theirs).equals(expected) && notes(ours).equals(expected),
        "the same notes; keepalived: " + notes(theirs) + "; HAKit: " + notes(ours));
  }

  /** The notes so far, sorted (the scripts run concurrently). */
  private static List<String> notes(Path d) {
    try {
      Path notes = d.resolve("notes");
      return Files.exists(notes) ? Files.readAllLines(notes, StandardCharsets.UTF_8).stream().sorted().toList() : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within 15 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
