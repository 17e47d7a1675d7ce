package io.hakit.benchmarks.rig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Collects the figures of a run and prints them: one line per measured run and proxy, then the
 * ratios HAKit/HAProxy of the medians (a ratio below 1 means HAKit is lower: better for latency,
 * CPU and memory, worse for requests/s). A scenario with an invalid run gets no ratio.
 */
final class Report {

  static final String BASELINE = "haproxy";
  static final String CANDIDATE = "hakit";

  /** Goals of issue 4, as ratios HAKit/HAProxy. */
  private static final double GOAL_CPU_RATIO = 1.25;
  private static final double GOAL_P99_RATIO = 1.5;
  private static final double GOAL_IDLE_MEMORY_RATIO = 2.0;

  private final Map<Scenario, Map<String, List<LoadFigures>>> load = new LinkedHashMap<>();
  private final Map<String, IdleFigures> idle = new LinkedHashMap<>();

  void add(Scenario scenario, String proxy, LoadFigures figures) {
    load.computeIfAbsent(scenario, s -> new LinkedHashMap<>())
        .computeIfAbsent(proxy, p -> new ArrayList<>())
        .add(figures);
  }

  void addIdle(String proxy, IdleFigures figures) {
    idle.put(proxy, figures);
  }

  /** True when every run was valid. */
  boolean allValid() {
    for (Map<String, List<LoadFigures>> byProxy : load.values()) {
      for (List<LoadFigures> runs : byProxy.values()) {
        for (LoadFigures run : runs) {
          if (!run.valid()) {
            return false;
          }
        }
      }
    }
    return idle.values().stream().allMatch(IdleFigures::valid);
  }

  /** One line for a run just measured, printed as the rig goes. */
  static String progressLine(Scenario scenario, String proxy, LoadFigures f) {
    return String.format(
        Locale.ROOT,
        "%-13s %-8s %10.0f req/s  p50 %8.3f ms  p99 %8.3f ms  %7.2f cpu-s/100k  rss %7.1f MiB  %s",
        scenario.label(), proxy, f.wrk().requestsPerSecond(), f.wrk().p50Micros() / 1000,
        f.wrk().p99Micros() / 1000, f.cpuSecondsPer100k(), mib(f.rssBytes()), status(f.invalidReason()));
  }

  void print(PrintStream out) {
    if (!load.isEmpty()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "%-13s %-8s %10s %9s %9s %11s %10s %9s  %s%n",
          "scenario", "proxy", "req/s", "p50 ms", "p99 ms", "cpu-s/100k", "cpu-s/GiB", "rss MiB",
          "status");
      for (Map.Entry<Scenario, Map<String, List<LoadFigures>>> entry : load.entrySet()) {
        Scenario scenario = entry.getKey();
        for (Map.Entry<String, List<LoadFigures>> byProxy : entry.getValue().entrySet()) {
          for (LoadFigures f : byProxy.getValue()) {
            out.printf(
                Locale.ROOT,
                "%-13s %-8s %10.0f %9.3f %9.3f %11.2f %10.2f %9.1f  %s%n",
                scenario.label(), byProxy.getKey(), f.wrk().requestsPerSecond(),
                f.wrk().p50Micros() / 1000, f.wrk().p99Micros() / 1000, f.cpuSecondsPer100k(),
                f.cpuSecondsPerGib(), mib(f.rssBytes()), status(f.invalidReason()));
          }
        }
        printLoadRatio(out, scenario, entry.getValue());
      }
    }
    IdleFigures base = idle.get(BASELINE);
    IdleFigures candidate = idle.get(CANDIDATE);
    if (!idle.isEmpty()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "%-13s %-8s %7s %7s %9s %9s %9s %9s %10s %7s  %s%n",
          "scenario", "proxy", "held", "open", "rss0 MiB", "rss1 MiB", "rss B/c", "heap B/c",
          "bytes/conn", "+fds", "status");
      for (Map.Entry<String, IdleFigures> entry : idle.entrySet()) {
        IdleFigures f = entry.getValue();
        out.printf(
            Locale.ROOT,
            "%-13s %-8s %7d %7d %9.1f %9.1f %9.0f %9s %10.0f %7d  %s%n",
            "idle", entry.getKey(), f.held(), f.open(), mib(f.rssBefore()), mib(f.rssAfter()),
            f.rssBytesPerConnection(),
            f.heapGrowth() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", f.heapBytesPerConnection()),
            f.bytesPerConnection(), f.filesAfter() - f.filesBefore(), status(f.invalidReason()));
      }
      if (base != null && candidate != null) {
        if (base.valid() && candidate.valid()) {
          out.printf(
              Locale.ROOT,
              "%-13s %-8s %7s %7s %9s %9s %9.2f %9s %10.2f %7.2f  %s%n",
              "idle", "ratio", "", "", "", "",
              candidate.rssBytesPerConnection() / base.rssBytesPerConnection(), "",
              candidate.bytesPerConnection() / base.bytesPerConnection(),
              (double) (candidate.filesAfter() - candidate.filesBefore())
                  / (base.filesAfter() - base.filesBefore()),
              CANDIDATE + "/" + BASELINE);
        } else {
          out.printf(Locale.ROOT, "%-13s %-8s  no ratio: a run was invalid%n", "idle", "ratio");
        }
      }
    }
    printGoals(out, base, candidate);
  }

  private static void printLoadRatio(
      PrintStream out, Scenario scenario, Map<String, List<LoadFigures>> byProxy) {
    List<LoadFigures> base = byProxy.get(BASELINE);
    List<LoadFigures> candidate = byProxy.get(CANDIDATE);
    if (base == null || candidate == null) {
      return;
    }
    if (!allValid(base) || !allValid(candidate)) {
      out.printf(Locale.ROOT, "%-13s %-8s  no ratio: a run was invalid%n", scenario.label(), "ratio");
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-13s %-8s %10.2f %9.2f %9.2f %11.2f %10.2f %9.2f  %s%n",
        scenario.label(), "ratio",
        ratio(candidate, base, f -> f.wrk().requestsPerSecond()),
        ratio(candidate, base, f -> f.wrk().p50Micros()),
        ratio(candidate, base, f -> f.wrk().p99Micros()),
        ratio(candidate, base, LoadFigures::cpuSecondsPer100k),
        ratio(candidate, base, LoadFigures::cpuSecondsPerGib),
        ratio(candidate, base, f -> (double) f.rssBytes()),
        CANDIDATE + "/" + BASELINE + (base.size() > 1 ? " (medians)" : ""));
  }

  private void printGoals(PrintStream out, IdleFigures base, IdleFigures candidate) {
    Map<String, List<LoadFigures>> keepAlive = load.get(Scenario.KA_SMALL);
    List<String> lines = new ArrayList<>();
    if (keepAlive != null && keepAlive.containsKey(BASELINE) && keepAlive.containsKey(CANDIDATE)
        && allValid(keepAlive.get(BASELINE)) && allValid(keepAlive.get(CANDIDATE))) {
      List<LoadFigures> b = keepAlive.get(BASELINE);
      List<LoadFigures> c = keepAlive.get(CANDIDATE);
      lines.add(goal("CPU per keep-alive request", ratio(c, b, LoadFigures::cpuSecondsPer100k),
          GOAL_CPU_RATIO));
      lines.add(goal("p99, keep-alive", ratio(c, b, f -> f.wrk().p99Micros()), GOAL_P99_RATIO));
    }
    if (base != null && candidate != null && base.valid() && candidate.valid()) {
      lines.add(goal("memory per idle connection",
          candidate.bytesPerConnection() / base.bytesPerConnection(), GOAL_IDLE_MEMORY_RATIO));
    }
    if (!lines.isEmpty()) {
      out.println();
      out.println("goals of issue 4 (ratio " + CANDIDATE + "/" + BASELINE + "):");
      lines.forEach(out::println);
    }
  }

  private static String goal(String what, double ratio, double limit) {
    return String.format(
        Locale.ROOT, "  %-28s %6.2f  (goal <= %.2f)  %s", what, ratio, limit,
        ratio <= limit ? "met" : "NOT met");
  }

  private static boolean allValid(List<LoadFigures> runs) {
    return runs.stream().allMatch(LoadFigures::valid);
  }

  private static double ratio(
      List<LoadFigures> candidate, List<LoadFigures> base, ToDoubleFunction<LoadFigures> figure) {
    return median(candidate, figure) / median(base, figure);
  }

  static double median(List<LoadFigures> runs, ToDoubleFunction<LoadFigures> figure) {
    double[] values = runs.stream().mapToDouble(figure).toArray();
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static String status(String invalidReason) {
    return invalidReason.isEmpty() ? "ok" : "INVALID: " + invalidReason;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
