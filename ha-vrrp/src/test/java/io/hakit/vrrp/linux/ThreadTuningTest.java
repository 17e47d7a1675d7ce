package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import io.hakit.vrrp.transport.ThreadScheduling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** nice and SCHED_RR land on the calling thread only, as the kernel reports in /proc. */
class ThreadTuningTest {

  /** Fields 19 (nice), 40 (rt_priority) and 41 (policy) of /proc/self/task/TID/stat, read on a fresh thread after tuning. */
  private static String[] tunedStat(ThreadScheduling s, boolean mayBeRefused) throws Exception {
    AtomicReference<String[]> stat = new AtomicReference<>();
    AtomicBoolean applied = new AtomicBoolean();
    Thread t = new Thread(() -> {
      applied.set(ThreadTuning.applyToCurrentThread(s, "test"));
      try {
        String line = Files.readString(Path.of("/proc/self/task/" + LibC.get().gettid() + "/stat"));
        // the command name may hold spaces: split after its closing parenthesis (field 3 on)
        stat.set(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }, "tuning-test");
    t.start();
    t.join(5_000);
    if (mayBeRefused) {
      Assumptions.assumeTrue(applied.get(), "SCHED_RR refused here (no CAP_SYS_NICE or no real-time budget in this cgroup)");
    }
    assertThat(applied).isTrue();
    return stat.get();
  }

  @Test
  void applyToCurrentThread_nice_onlyThatThreadIsNiced() throws Exception {
    Interop.require(Interop.root());
    String[] stat = tunedStat(new ThreadScheduling(7, 0, false), false);
    assertThat(stat[19 - 3]).isEqualTo("7");
    String own = Files.readString(Path.of("/proc/self/task/" + LibC.get().gettid() + "/stat"));
    assertThat(own.substring(own.lastIndexOf(')') + 2).split(" ")[19 - 3]).isEqualTo("0");
  }

  @Test
  void applyToCurrentThread_realtimePriority_schedRr() throws Exception {
    Interop.require(Interop.root());
    String[] stat = tunedStat(new ThreadScheduling(0, 10, false), true);
    assertThat(stat[40 - 3]).isEqualTo("10");
    assertThat(stat[41 - 3]).isEqualTo(String.valueOf(LibC.SCHED_RR));
  }

  @Test
  void applyToCurrentThread_unchanged_nothingToDo() {
    assertThat(ThreadTuning.applyToCurrentThread(ThreadScheduling.UNCHANGED, "test")).isTrue();
  }
}
