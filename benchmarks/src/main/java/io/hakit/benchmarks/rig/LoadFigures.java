package io.hakit.benchmarks.rig;

/**
 * One proxy's figures for one measured wrk run.
 *
 * @param cpuSeconds the proxy's utime + stime during the run, all threads
 * @param rssBytes the proxy's resident memory right after the run
 */
record LoadFigures(WrkResult wrk, double cpuSeconds, long rssBytes) {

  String invalidReason() {
    return wrk.invalidReason();
  }

  boolean valid() {
    return invalidReason().isEmpty();
  }

  double cpuSecondsPer100k() {
    return cpuSeconds / wrk.requests() * 100_000;
  }

  /** CPU seconds per GiB of responses, as wrk counted the bytes it read. */
  double cpuSecondsPerGib() {
    return wrk.bytesRead() <= 0 ? Double.NaN : cpuSeconds / (wrk.bytesRead() / (1L << 30));
  }
}
