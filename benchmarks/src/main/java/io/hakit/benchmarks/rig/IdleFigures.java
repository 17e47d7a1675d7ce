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
 * @param heapGrowth for a JVM, the live heap's growth (after a full GC) with the connections
 *     open; -1 for a process that is not a JVM or whose heap could not be read
 */
record IdleFigures(
    int target,
    int held,
    int open,
    long rssBefore,
    long rssAfter,
    long filesBefore,
    long filesAfter,
    long heapGrowth,
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

  double rssBytesPerConnection() {
    return held == 0 ? Double.NaN : (double) (rssAfter - rssBefore) / held;
  }

  /** Live heap per connection, 0 when there is no heap to read (not a JVM). */
  double heapBytesPerConnection() {
    return held == 0 ? Double.NaN : (double) Math.max(0, heapGrowth) / held;
  }

  /**
   * Memory per idle connection: RSS growth plus, for a JVM, live-heap growth. The RSS is read
   * before the full GC that measures the heap, so heap pages made resident by warm-up (where the
   * new objects went) are not counted twice.
   */
  double bytesPerConnection() {
    return rssBytesPerConnection() + heapBytesPerConnection();
  }
}
