package io.hakit.vrrp.fsm;

/** The timer formulas of rfc3768 §6.1 and rfc5798 §6.1, in nanoseconds. */
public final class Timing {
  private Timing() {}

  private static final long NANOS_PER_CENTI = 10_000_000L;

  /** Number of missed adverts before a backup declares the master down (rfc5798 §6.1; keepalived's down_timer_adverts). */
  public static final int DOWN_ADVERTS = 3;

  /** v2: (256 - priority) / 256 seconds; v3: (256 - priority) * Master_Adver_Interval / 256. */
  public static long skewNanos(int version, int priority, int masterAdverIntervalCentis) {
    long p = 256 - priority;
    if (version == 2) {
      return p * 1_000_000_000L / 256;
    }
    return p * masterAdverIntervalCentis * NANOS_PER_CENTI / 256;
  }

  /** 3 * Master_Adver_Interval + Skew_Time. */
  public static long masterDownNanos(int version, int priority, int masterAdverIntervalCentis) {
    return DOWN_ADVERTS * centisToNanos(masterAdverIntervalCentis) + skewNanos(version, priority, masterAdverIntervalCentis);
  }

  public static long centisToNanos(int centis) {
    return centis * NANOS_PER_CENTI;
  }
}
