package io.hakit.benchmarks.rig;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text wrk prints with {@code --latency} into a {@link WrkResult}. Pure: no I/O. */
final class WrkOutputParser {

  private static final Pattern TOTALS =
      Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m|h), ([0-9.]+)([KMGT]?B) read");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile(
          "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  private WrkOutputParser() {}

  /**
   * Parses wrk's standard output.
   *
   * @throws IllegalArgumentException when the totals, the rate or the latency distribution are
   *     missing (wrk was run without --latency, or failed before printing them)
   */
  static WrkResult parse(String output) {
    Matcher totals = require(TOTALS, output, "the 'N requests in T, B read' line");
    Matcher rate = require(RATE, output, "the 'Requests/sec:' line");
    double p50 = -1;
    double p99 = -1;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double micros = toMicros(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = micros;
      } else {
        p99 = micros;
      }
    }
    if (p50 < 0 || p99 < 0) {
      throw new IllegalArgumentException(
          "wrk output has no latency distribution (was --latency given?):\n" + output);
    }
    long socketErrors = 0;
    Matcher errors = SOCKET_ERRORS.matcher(output);
    if (errors.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(errors.group(group));
      }
    }
    Matcher non2xx = NON_2XX.matcher(output);
    long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    return new WrkResult(
        Long.parseLong(totals.group(1)),
        toMicros(Double.parseDouble(totals.group(2)), totals.group(3)) / 1e6,
        Double.parseDouble(rate.group(1)),
        p50,
        p99,
        toBytes(Double.parseDouble(totals.group(4)), totals.group(5)),
        socketErrors,
        bad);
  }

  private static Matcher require(Pattern pattern, String output, String what) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException("wrk output has no " + what + ":\n" + output);
    }
    return matcher;
  }

  /** wrk prints times with the units us, ms, s, m and h. */
  static double toMicros(double value, String unit) {
    switch (unit) {
      case "us":
        return value;
      case "ms":
        return value * 1e3;
      case "s":
        return value * 1e6;
      case "m":
        return value * 60e6;
      case "h":
        return value * 3600e6;
      default:
        throw new IllegalArgumentException("unknown wrk time unit: " + unit);
    }
  }

  /** wrk prints sizes with binary multiples: 1KB = 1024B. */
  private static double toBytes(double value, String unit) {
    switch (unit.toUpperCase(Locale.ROOT)) {
      case "B":
        return value;
      case "KB":
        return value * 1024;
      case "MB":
        return value * 1024 * 1024;
      case "GB":
        return value * 1024 * 1024 * 1024;
      case "TB":
        return value * 1024 * 1024 * 1024 * 1024;
      default:
        throw new IllegalArgumentException("unknown wrk size unit: " + unit);
    }
  }
}
