package io.hakit.vrrp;

import io.hakit.core.HaException;

/** A VRRP instance could not start or run (transport or address manager failure). */
public class VrrpException extends HaException {
  private static final long serialVersionUID = 1L;

  public VrrpException(String message) {
    super(message);
  }

  public VrrpException(String message, Throwable cause) {
    super(message, cause);
  }
}
