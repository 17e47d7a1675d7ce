package io.hakit.proxy.logformat;

/** A format string HAKit cannot compile; the message is HAProxy's wording where it has one. */
public final class FormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  FormatException(String message) {
    super(message);
  }
}
