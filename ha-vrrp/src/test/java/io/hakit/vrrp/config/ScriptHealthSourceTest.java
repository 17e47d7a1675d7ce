package io.hakit.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.Origin;
import io.hakit.core.health.Health;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptHealthSourceTest {
  @TempDir
  Path dir;

  private static VrrpScriptSpec spec(String script, Duration timeout) {
    return new VrrpScriptSpec("chk", script, Duration.ofSeconds(1), timeout, 0, 1, 1, false, Origin.UNKNOWN);
  }

  @Test
  void check_scriptOverrunsTimeout_killedWithWhatItStartedAndCountsAsFailure() throws Exception {
    Path pid = dir.resolve("child.pid");
    ScriptHealthSource source = new ScriptHealthSource(spec(
        "sleep 60 & echo $! > " + pid + "; wait", Duration.ofMillis(300)));

    source.check();

    assertThat(source.current().isUp()).isFalse();
    assertThat(source.current().reason()).contains("timed out after 300 ms");
    long child = Long.parseLong(Files.readString(pid).strip());
    awaitGone(child);
  }

  @Test
  void check_failure_listenerThrows_othersStillTold() throws Exception {
    ScriptHealthSource source = new ScriptHealthSource(spec("exit 3", Duration.ofSeconds(5)));
    List<Health> heard = new ArrayList<>();
    source.subscribe((s, h) -> {
      throw new IllegalStateException("broken listener");
    });
    source.subscribe((s, h) -> heard.add(h));

    source.check();

    assertThat(heard).singleElement().satisfies(h -> assertThat(h.reason()).isEqualTo("exited with status 3"));
  }

  /**
   * Waits until {@code pid} is dead: gone, or a zombie (killed, but its new parent, often PID 1,
   * has not reaped it yet; some container inits never do).
   */
  static void awaitGone(long pid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (int i = 0; i < 1_000; i++) {
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isEmpty() || !p.get().isAlive() || zombie(pid)) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    throw new AssertionError("process " + pid + " still alive");
  }

  /** proc(5): the state is the field after the command name in parentheses; Z is a zombie. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
    } catch (java.io.IOException | RuntimeException e) {
      return false; // gone meanwhile: the next check sees it
    }
  }
}
