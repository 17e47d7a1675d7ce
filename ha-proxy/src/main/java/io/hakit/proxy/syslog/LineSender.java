package io.hakit.proxy.syslog;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * Sends one finished log line. Called from any event loop at once: implementations are thread
 * safe and never block on the network; a line that cannot leave now is dropped, as HAProxy drops
 * it, and counted.
 */
interface LineSender extends Closeable {
  /** Sends the bytes between position and limit; returns false when the line was dropped. */
  boolean send(ByteBuffer line);

  /** True when the sender wants a direct buffer (native sends). */
  default boolean needsDirect() {
    return false;
  }

  @Override
  void close();
}
