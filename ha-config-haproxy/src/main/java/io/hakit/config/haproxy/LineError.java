package io.hakit.config.haproxy;

/** A line the tokenizer (or a directive) refuses; the message is HAProxy's, without location. */
final class LineError extends Exception {
  private static final long serialVersionUID = 1L;

  LineError(String message) {
    super(message, null, false, false);
  }
}
