package io.hakit.core;

/** The root of every exception HAKit throws on purpose. */
public class HaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HaException(String message) {
    super(message);
  }

  public HaException(String message, Throwable cause) {
    super(message, cause);
  }
}
