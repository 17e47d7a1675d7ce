package io.hakit.proxy.syslog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The header a log line gets before its message, per {@code log ... format NAME}. Checked against
 * haproxy 2.6: rfc3164 is {@code <PRI>Mmm dd hh:mm:ss [host ]tag[pid]: }, rfc5424 is
 * {@code <PRI>1 ISO-TIME host|- tag pid - - }, short is {@code <SEVERITY>}, timed is short plus an
 * ISO time, iso is the time alone, raw is nothing.
 */
public enum HeaderFormat {
  RFC3164, RFC5424, LOCAL, SHORT, PRIORITY, TIMED, ISO, RAW;

  private static final DateTimeFormatter BSD_TIME =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ISO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

  /** The format named in haproxy.cfg, or null. */
  public static @Nullable HeaderFormat byName(String name) {
    for (HeaderFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
        return f;
      }
    }
    return null;
  }

  /**
   * Appends this header. {@code hostname} is null unless {@code log-send-hostname} asked for one;
   * {@code local} is rfc3164 that never carries a host name.
   */
  void append(StringBuilder out, int facility, Severity severity, Instant now, ZoneId zone,
      @Nullable String hostname, String tag, long pid) {
    int pri = facility * 8 + severity.code();
    switch (this) {
      case RFC3164, LOCAL -> {
        out.append('<').append(pri).append('>');
        BSD_TIME.formatTo(ZonedDateTime.ofInstant(now, zone), out);
        out.append(' ');
        if (this == RFC3164 && hostname != null) {
          out.append(hostname).append(' ');
        }
        out.append(tag).append('[').append(pid).append("]: ");
      }
      case RFC5424 -> {
        out.append('<').append(pri).append(">1 ");
        ISO_TIME.formatTo(ZonedDateTime.ofInstant(now, zone), out);
        out.append(' ').append(hostname == null ? "-" : hostname).append(' ').append(tag).append(' ').append(pid)
            .append(" - - ");
      }
      case PRIORITY -> out.append('<').append(pri).append('>');
      case SHORT -> out.append('<').append(severity.code()).append('>');
      case TIMED -> {
        out.append('<').append(severity.code()).append('>');
        ISO_TIME.formatTo(ZonedDateTime.ofInstant(now, zone), out);
        out.append(' ');
      }
      case ISO -> {
        ISO_TIME.formatTo(ZonedDateTime.ofInstant(now, zone), out);
        out.append(' ');
      }
      case RAW -> {
        // the message alone
      }
    }
  }
}
