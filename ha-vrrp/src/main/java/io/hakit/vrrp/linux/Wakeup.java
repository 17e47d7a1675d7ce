package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;

/**
 * An eventfd that a receive thread polls next to its socket, so that another thread can end a
 * blocking wait at once. Closed by its owner (the receive thread) and signalled by anyone: the
 * lock keeps a signal from writing to a descriptor number that was closed and reused meanwhile.
 */
final class Wakeup implements AutoCloseable {
  private static final byte[] ONE = NativeStructs.buffer(8).putLong(1).array();

  private final LibC libc;
  private final int fd;
  private boolean closed; // guarded by this

  Wakeup() throws IOException {
    libc = LibC.get();
    try {
      fd = libc.eventfd(0, LibC.EFD_CLOEXEC);
    } catch (LastErrorException e) {
      throw NativeSocket.failure("eventfd", e);
    }
  }

  int fd() {
    return fd;
  }

  synchronized void signal() {
    if (closed) {
      return;
    }
    try {
      libc.write(fd, ONE, ONE.length);
    } catch (LastErrorException e) {
      // Only EAGAIN (counter saturated) is possible, and then it is readable already.
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // The descriptor is released anyway.
    }
  }
}
