package io.hakit.benchmarks.rig;

/**
 * One proxy's memory while holding idle keep-alive connections.
 *
 * @param target connections the rig tried to open
 * @param held connections whose request completed
 * @param open held connections still open when the memory was read
 * @param rssBefore the proxy's RSS before the connections were opened
 * @param rssAfter the proxy's RSS with the connections open and idle
 * @param filesBefore the proxy's open descriptors before
 * @param filesAfter the proxy's open descriptors with the connections open (client plus
 *     server side: about one per client when idle server connections are shared)
 */
record IdleFigures(
    int target,
    int held,
    int open,
    long rssBefore,
    long rssAfter,
    long filesBefore,
    long filesAfter,
    String failure) {

  String invalidReason() {
    if (held < target) {
      return (target - held) + " of " + target + " connections failed"
          + (failure.isEmpty() ? "" : " (first: " + failure + ")");
    }
    if (open < held) {
      return (held - open) + " idle connections closed by the proxy";
    }
    return "";
  }

  boolean valid() {
    return invalidReason().isEmpty();
  }

  double bytesPerConnection() {
    return held == 0 ? Double.NaN : (double) (rssAfter - rssBefore) / held;
  }
}
