package io.hakit.benchmarks.rig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's live objects by class, as {@code jcmd PID GC.class_histogram} prints them (after a full
 * GC). The idle scenario takes one before and one with the connections held: the difference,
 * divided by the connections, says which classes a held connection costs.
 */
final class HeapHistogram {

  /** "   1:         12345        678901  java.lang.String (java.base@17)". */
  private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  /** One class's growth between two histograms. */
  record Growth(String className, long instances, long bytes) {}

  private final Map<String, long[]> byClass;

  private HeapHistogram(Map<String, long[]> byClass) {
    this.byClass = byClass;
  }

  /** Parses GC.class_histogram's output; lines that are not class rows are skipped. */
  static HeapHistogram parse(String output) {
    Map<String, long[]> byClass = new HashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        long[] sum = byClass.computeIfAbsent(m.group(3), c -> new long[2]);
        sum[0] += Long.parseLong(m.group(1));
        sum[1] += Long.parseLong(m.group(2));
      }
    }
    return new HeapHistogram(byClass);
  }

  boolean isEmpty() {
    return byClass.isEmpty();
  }

  /** Bytes of all live objects. */
  long totalBytes() {
    long total = 0;
    for (long[] sum : byClass.values()) {
      total += sum[1];
    }
    return total;
  }

  /** The classes that grew (or shrank) most in bytes from {@code before} to this, largest first. */
  List<Growth> growthSince(HeapHistogram before, int limit) {
    List<Growth> out = new ArrayList<>();
    Map<String, long[]> all = new HashMap<>(before.byClass);
    all.putAll(byClass);
    for (String c : all.keySet()) {
      long[] now = byClass.getOrDefault(c, new long[2]);
      long[] then = before.byClass.getOrDefault(c, new long[2]);
      if (now[1] != then[1] || now[0] != then[0]) {
        out.add(new Growth(c, now[0] - then[0], now[1] - then[1]));
      }
    }
    out.sort(Comparator.comparingLong((Growth g) -> -Math.abs(g.bytes())).thenComparing(Growth::className));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /** The growth as lines per connection: bytes/conn, instances/conn, class. */
  static String format(List<Growth> growth, int connections) {
    StringBuilder out = new StringBuilder();
    for (Growth g : growth) {
      out.append(String.format(Locale.ROOT, "  %9.1f B/conn %7.2f obj/conn  %s%n",
          (double) g.bytes() / connections, (double) g.instances() / connections, g.className()));
    }
    return out.toString();
  }
}
