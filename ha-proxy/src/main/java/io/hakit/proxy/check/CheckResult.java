package io.hakit.proxy.check;

/**
 * The outcome of one probe, worded as HAProxy words it in its logs ({@code Layer4 connection
 * problem}, {@code Layer7 wrong status}, ...).
 */
record CheckResult(boolean ok, String reason, int code, String info, long durationMillis) {

  /** {@code reason: X[, code: N][, info: "..."], check duration: Nms}. */
  String describe() {
    StringBuilder sb = new StringBuilder("reason: ").append(reason);
    if (code > 0) {
      sb.append(", code: ").append(code);
    }
    if (!info.isEmpty()) {
      sb.append(", info: \"").append(info).append('"');
    }
    return sb.append(", check duration: ").append(durationMillis).append("ms").toString();
  }
}
