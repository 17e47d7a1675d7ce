package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory, read from /proc/PID/stat. That file sums all of the
 * process's threads, so a JVM's compiler and GC threads are counted as well as its event loop.
 *
 * @param cpuTicks utime + stime, in clock ticks (USER_HZ)
 * @param rssPages resident set size, in pages
 * @param threads number of threads
 */
record ProcStat(long cpuTicks, long rssPages, long threads) {

  /** USER_HZ: 100 on every Linux architecture the rig runs on (getconf CLK_TCK). */
  static final double TICKS_PER_SECOND = 100.0;

  /** Page size in bytes (getconf PAGESIZE on x86-64). */
  static final long PAGE_SIZE = 4096;

  // Field numbers from proc(5), counted from 1; the ones after "(comm)" start at field 3.
  private static final int FIRST_FIELD_AFTER_COMM = 3;
  private static final int UTIME = 14;
  private static final int STIME = 15;
  private static final int NUM_THREADS = 20;
  private static final int RSS = 24;

  double cpuSeconds() {
    return cpuTicks / TICKS_PER_SECOND;
  }

  long rssBytes() {
    return rssPages * PAGE_SIZE;
  }

  /**
   * Parses one /proc/PID/stat line. The command name in parentheses may hold spaces and
   * parentheses, so the fields are counted from the last ')'.
   */
  static ProcStat parse(String statLine) {
    int commEnd = statLine.lastIndexOf(')');
    if (commEnd < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
    }
    String[] fields = statLine.substring(commEnd + 1).trim().split("\\s+");
    if (fields.length < RSS - FIRST_FIELD_AFTER_COMM + 1) {
      throw new IllegalArgumentException("too few fields in /proc/PID/stat line: " + statLine);
    }
    long utime = Long.parseLong(fields[UTIME - FIRST_FIELD_AFTER_COMM]);
    long stime = Long.parseLong(fields[STIME - FIRST_FIELD_AFTER_COMM]);
    long threads = Long.parseLong(fields[NUM_THREADS - FIRST_FIELD_AFTER_COMM]);
    long rss = Long.parseLong(fields[RSS - FIRST_FIELD_AFTER_COMM]);
    return new ProcStat(utime + stime, rss, threads);
  }

  /**
   * Reads /proc/PID/stat.
   *
   * @throws IllegalStateException when the process no longer exists
   */
  static ProcStat read(long pid) {
    Path path = Path.of("/proc", Long.toString(pid), "stat");
    try {
      return parse(Files.readString(path, StandardCharsets.US_ASCII));
    } catch (NoSuchFileException gone) {
      throw new IllegalStateException("process " + pid + " has exited", gone);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Open file descriptors of a process (sockets included), or -1 when they cannot be listed. */
  static long openFiles(long pid) {
    try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return entries.count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }
}
