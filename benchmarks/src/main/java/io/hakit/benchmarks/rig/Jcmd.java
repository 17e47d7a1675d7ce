package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the rig reads from a JVM proxy with the jcmd next to its java binary.
 *
 * <ul>
 *   <li>The live heap: a full GC ({@code GC.run}), then {@code GC.heap_info}. A JVM allocates a
 *       new connection's objects in heap pages that warm-up already made resident, so its RSS
 *       alone hides them; the idle scenario adds this live-heap growth to the RSS growth.
 *   <li>The JIT's work so far ({@code PerfCounter.print}: {@code sun.ci.totalCompiles} and
 *       {@code java.ci.totalTime} in {@code sun.os.hrt.frequency} ticks): warm-up goes on until
 *       the JIT has gone quiet.
 * </ul>
 */
final class Jcmd {

  private static final Logger logger = LoggerFactory.getLogger(Jcmd.class);
  private static final long JCMD_TIMEOUT_SECONDS = 60;
  /** "total 152576K, used 20972K" on each generation line (Serial, Parallel and G1 print it). */
  private static final Pattern USED = Pattern.compile("\\btotal \\d+K, used (\\d+)K");

  private static final Pattern TOTAL_COMPILES = Pattern.compile("sun\\.ci\\.totalCompiles=(\\d+)");
  private static final Pattern TOTAL_TIME = Pattern.compile("java\\.ci\\.totalTime=(\\d+)");
  private static final Pattern FREQUENCY = Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)");

  /** The JIT's totals so far: methods compiled, and seconds spent compiling. */
  record JitTotals(long compiles, double seconds) {}

  private Jcmd() {}

  /** The jcmd of the JDK that runs {@code pid}, or null when the process is not a JVM. */
  static @Nullable Path jcmdFor(long pid) {
    try {
      Path exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
      if (exe.getFileName() == null || !exe.getFileName().toString().equals("java")) {
        return null;
      }
      Path jcmd = exe.resolveSibling("jcmd");
      return Files.isExecutable(jcmd) ? jcmd : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Live heap bytes after a full GC, or empty when it cannot be read. */
  static OptionalLong liveBytes(Path jcmd, long pid, Path dir) {
    if (run(jcmd, pid, "GC.run", dir).isEmpty()) {
      return OptionalLong.empty();
    }
    String info = run(jcmd, pid, "GC.heap_info", dir);
    OptionalLong used = parseUsedBytes(info);
    if (used.isEmpty()) {
      logger.warn("cannot read the heap of pid {} from GC.heap_info:\n{}", pid, info);
    }
    return used;
  }

  /** Live objects by class (GC.class_histogram runs a full GC first); empty when unreadable. */
  static HeapHistogram histogram(Path jcmd, long pid, Path dir) {
    return HeapHistogram.parse(run(jcmd, pid, "GC.class_histogram", dir));
  }

  /** The JIT's totals so far, or null when they cannot be read. */
  static @Nullable JitTotals jitTotals(Path jcmd, long pid, Path dir) {
    return parseJitTotals(run(jcmd, pid, "PerfCounter.print", dir));
  }

  static @Nullable JitTotals parseJitTotals(String perfCounters) {
    Matcher compiles = TOTAL_COMPILES.matcher(perfCounters);
    Matcher time = TOTAL_TIME.matcher(perfCounters);
    Matcher frequency = FREQUENCY.matcher(perfCounters);
    if (!compiles.find() || !time.find() || !frequency.find()) {
      return null;
    }
    double ticksPerSecond = Double.parseDouble(frequency.group(1));
    return new JitTotals(
        Long.parseLong(compiles.group(1)), Long.parseLong(time.group(1)) / ticksPerSecond);
  }

  /** Sums the "used" of every generation line of GC.heap_info; empty when there is none. */
  static OptionalLong parseUsedBytes(String heapInfo) {
    Matcher matcher = USED.matcher(heapInfo);
    long kib = 0;
    boolean found = false;
    while (matcher.find()) {
      kib += Long.parseLong(matcher.group(1));
      found = true;
    }
    return found ? OptionalLong.of(kib * 1024) : OptionalLong.empty();
  }

  private static String run(Path jcmd, long pid, String command, Path dir) {
    Path log = dir.resolve("jcmd-" + command + ".log");
    try {
      Process process =
          new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        logger.warn("jcmd {} {} did not finish within {} s", pid, command, JCMD_TIMEOUT_SECONDS);
        return "";
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        logger.warn("jcmd {} {} failed:\n{}", pid, command, output);
        return "";
      }
      return output;
    } catch (IOException e) {
      logger.warn("cannot run jcmd {} {}: {}", pid, command, e.toString());
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RigFailure("interrupted while running jcmd", e);
    }
  }
}
