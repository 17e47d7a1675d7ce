package io.hakit.config.haproxy;

import java.time.Duration;

/**
 * HAProxy's numeric argument rules (HAPROXY-CFG-DIALECT.md 6.6): times with units {@code us ms s
 * m h d} (default unit per keyword, no decimals, trailing garbage after a valid unit only warned
 * about), C {@code atol()} for the lenient integer keywords, strict integers elsewhere.
 */
final class Values {
  private static final long MAX_MS = Integer.MAX_VALUE;

  private Values() {}

  /** A parsed time, and the warning HAProxy prints for trailing characters (or null). */
  record Time(Duration value, @org.jspecify.annotations.Nullable String warning) {}

  /**
   * Parses a time whose unit defaults to milliseconds ({@code seconds} false) or seconds.
   *
   * @throws LineError with HAProxy's message, {@code what} naming the keyword
   */
  static Time time(String text, String what, boolean seconds) throws LineError {
    if (text.isEmpty()) {
      throw new LineError("'" + what + "' expects an integer value (in " + (seconds ? "seconds" : "milliseconds")
          + ")");
    }
    int i = 0;
    long value = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      value = Math.min(value * 10 + (text.charAt(i) - '0'), Long.MAX_VALUE / 1_000_000_000L);
      i++;
    }
    if (i == 0) {
      throw new LineError("unexpected character '" + text.charAt(0) + "' in '" + what + "'");
    }
    String rest = text.substring(i);
    long micros;
    String unit;
    if (rest.startsWith("us")) {
      micros = value;
      unit = "us";
    } else if (rest.startsWith("ms")) {
      micros = value * 1000;
      unit = "ms";
    } else if (rest.startsWith("s")) {
      micros = value * 1_000_000;
      unit = "s";
    } else if (rest.startsWith("m")) {
      micros = value * 60_000_000;
      unit = "m";
    } else if (rest.startsWith("h")) {
      micros = value * 3_600_000_000L;
      unit = "h";
    } else if (rest.startsWith("d")) {
      micros = value * 86_400_000_000L;
      unit = "d";
    } else if (rest.isEmpty()) {
      micros = seconds ? value * 1_000_000 : value * 1000;
      unit = "";
    } else {
      throw new LineError("unexpected character '" + rest.charAt(0) + "' in '" + what + "'");
    }
    String warning = null;
    if (rest.length() > unit.length()) {
      warning = "unexpected character '" + rest.charAt(unit.length()) + "' after the timer value '" + text
          + "' for '" + what + "'. This will be reported as an error in next versions.";
    }
    long ms = (micros + 999) / 1000;
    if (ms > MAX_MS) {
      throw new LineError("timer overflow in argument '" + text + "' to '" + what
          + "' (maximum value is 2147483647 ms or ~24.8 days)");
    }
    if (micros > 0 && ms == 0) {
      throw new LineError("timer underflow in argument '" + text + "' to '" + what
          + "' (minimum non-null value is 1 ms)");
    }
    return new Time(Duration.ofMillis(ms), warning);
  }

  /** C {@code atol()}: leading spaces and sign, then digits up to the first other character; 0 if none. */
  static long atol(String text) {
    int i = 0;
    while (i < text.length() && LineTokenizer.isSpace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    long v = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i)) && v < Integer.MAX_VALUE * 10L) {
      v = v * 10 + (text.charAt(i) - '0');
      i++;
    }
    return negative ? -v : v;
  }

  /** {@link #atol} clamped to an int. */
  static int atoi(String text) {
    long v = atol(text);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /** A strict decimal integer, or null. */
  static @org.jspecify.annotations.Nullable Integer strictInt(String text) {
    if (text.isEmpty() || text.length() > 10) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return null;
      }
    }
    long v = Long.parseLong(text);
    return v > Integer.MAX_VALUE ? null : (int) v;
  }
}
