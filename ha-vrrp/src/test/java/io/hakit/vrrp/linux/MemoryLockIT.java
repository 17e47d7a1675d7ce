package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.Interop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code vrrp_no_swap} run live: a JVM that applied it has its memory locked, as the kernel reports
 * it, including pages it commits afterwards (MCL_FUTURE), and locked as they are touched rather than
 * populated in advance (MCL_ONFAULT: without it, mlockall faults in every writable mapping of the
 * JVM, 160 MB more resident memory measured for this small heap). VmLck counts the size of locked mappings (the JVM's reserved heap
 * included), so the resident locked pages are read from {@code Locked:} in /proc/PID/smaps_rollup.
 */
class MemoryLockIT {

  @Test
  void lockMemory_childJvm_kernelReportsLockedPagesIncludingLaterAllocations() throws Exception {
    Interop.require(Interop.root());
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xms16m", "-Xmx128m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), MemoryLockProbe.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      readLine(lines, "ready");
      long residentUnlocked = kib(child.pid(), "status", "VmRSS:");
      step(child);
      assertThat(readLine(lines, "applied")).isEqualTo("applied true");
      assertThat(kib(child.pid(), "status", "VmRSS:") - residentUnlocked).as("RSS growth caused by mlockall itself")
          .isLessThan(16 * 1024);
      assertThat(kib(child.pid(), "status", "VmLck:")).as("VmLck after mlockall").isPositive();
      long residentBefore = kib(child.pid(), "smaps_rollup", "Locked:");
      step(child);
      assertThat(readLine(lines, "touched")).isEqualTo("touched");
      long residentAfter = kib(child.pid(), "smaps_rollup", "Locked:");
      assertThat(residentBefore).as("resident locked pages after mlockall").isPositive();
      // The 32 MiB block was committed after mlockall: MCL_FUTURE locks it as well, once touched.
      assertThat(residentAfter - residentBefore).as("locked growth with a 32 MiB allocation")
          .isGreaterThanOrEqualTo(30 * 1024);
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void step(Process child) throws java.io.IOException {
    child.getOutputStream().write('\n');
    child.getOutputStream().flush();
  }

  /** The child's next line that starts with {@code prefix}; the child answers within seconds or the read fails. */
  private static String readLine(BufferedReader lines, String prefix) throws Exception {
    for (int i = 0; i < 1_000; i++) {
      String line = lines.readLine();
      if (line == null) {
        throw new AssertionError("the probe JVM exited before printing '" + prefix + "'");
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "'");
  }

  /** A "Name:   N kB" field of /proc/PID/FILE. */
  private static long kib(long pid, String file, String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no " + field + " in /proc/" + pid + "/" + file);
  }
}
