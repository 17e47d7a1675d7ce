package io.hakit.proxy.syslog;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code log stdout} / {@code log stderr}: the process's own output, as containers collect it.
 * The operator asked for it in the config; each line is one write under a lock so that lines from
 * several event loops never interleave. Unlike the datagram targets this write can block when the
 * reader is slow, as it does for HAProxy's fd@ targets.
 */
final class StreamLineSender implements LineSender {
  private final FileOutputStream out;
  private final Object lock = new Object();

  StreamLineSender(FileDescriptor fd) {
    this.out = new FileOutputStream(fd);
  }

  @Override
  public boolean send(ByteBuffer line) {
    synchronized (lock) {
      try {
        out.getChannel().write(line);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  @Override
  public void close() {
    // the process's standard streams stay open
  }
}
