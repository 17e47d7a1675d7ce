package io.hakit.benchmarks.rig;

/**
 * What one wrk run reported.
 *
 * @param requests completed requests in the measured run
 * @param seconds the run's duration as wrk measured it
 * @param requestsPerSecond wrk's "Requests/sec"
 * @param p50Micros median latency in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 * @param bytesRead bytes read, as wrk rounds them ("60.00MB read")
 * @param socketErrors connect + read + write + timeout errors
 * @param non2xx3xx responses whose status was not 2xx or 3xx
 */
record WrkResult(
    long requests,
    double seconds,
    double requestsPerSecond,
    double p50Micros,
    double p99Micros,
    double bytesRead,
    long socketErrors,
    long non2xx3xx) {

  /** Why this run must not be reported as a result, or an empty string when it is valid. */
  String invalidReason() {
    if (requests <= 0) {
      return "no request completed";
    }
    if (non2xx3xx > 0) {
      return non2xx3xx + " responses not 2xx/3xx";
    }
    if (socketErrors > 0) {
      return socketErrors + " socket errors";
    }
    return "";
  }
}
