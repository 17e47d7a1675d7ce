package io.hakit.vrrp.linux;

import java.io.IOException;

/** A failed system call: what was attempted, and the errno the kernel answered. */
final class ErrnoException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  ErrnoException(String operation, int errno, String reason) {
    super(operation + ": " + reason + " (errno " + errno + ")");
    this.errno = errno;
  }

  int errno() {
    return errno;
  }
}
