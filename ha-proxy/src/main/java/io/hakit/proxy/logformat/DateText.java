package io.hakit.proxy.logformat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A date variable's text, formatted once per second and per event loop thread: most lines of a
 * busy proxy fall in the second of the line before, so they cost a comparison and an append.
 */
final class DateText {
  private final DateTimeFormatter format;
  private final boolean millis;
  private final ThreadLocal<long[]> lastSecond = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});
  private final ThreadLocal<String[]> lastText = ThreadLocal.withInitial(() -> new String[1]);

  /**
   * @param format the pattern up to the seconds
   * @param millis whether ".SSS" follows the seconds
   */
  DateText(DateTimeFormatter format, boolean millis) {
    this.format = format;
    this.millis = millis;
  }

  void append(StringBuilder out, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    long[] last = lastSecond.get();
    String[] text = lastText.get();
    if (last[0] != second) {
      last[0] = second;
      text[0] = format.format(Instant.ofEpochSecond(second));
    }
    out.append(text[0]);
    if (millis) {
      int ms = (int) Math.floorMod(epochMillis, 1000L);
      out.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
    }
  }
}
