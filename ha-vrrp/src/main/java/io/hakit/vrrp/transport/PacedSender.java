package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Sends messages at given times from the kernel (the Linux raw transport uses io_uring timeouts
 * linked to sendmsg), so that a timed advert leaves on its deadline even while every Java thread is
 * stopped at a GC safepoint or waits for a CPU. Messages are queued a little ahead and can all be
 * cancelled; closing the sender (or the process ending) cancels what is still queued.
 *
 * <p>Threading: one owner thread (the instance's scheduler) calls every method.
 */
public interface PacedSender extends AutoCloseable {

  /** How many messages may be queued at once. */
  int capacity();

  /** How many messages are queued and not yet completed (sent, failed or cancelled). */
  int queued();

  /**
   * Queues {@code message} for {@code destination} at {@code deadlineNanos} on the
   * {@link System#nanoTime()} clock (never earlier). The bytes are copied.
   *
   * @throws IllegalStateException when {@link #queued()} already equals {@link #capacity()}
   */
  void sendAt(byte[] message, InetAddress destination, long deadlineNanos) throws IOException;

  /** Cancels every queued message that has not gone out yet; messages already due may still go. */
  void cancelAll() throws IOException;

  /**
   * Collects completions without blocking and reports each message the kernel sent or failed to
   * send to {@code outcomes}.
   */
  void reap(Outcomes outcomes);

  /** Cancels what is queued and releases the kernel resources. Idempotent. */
  @Override
  void close();

  /** What happened to queued messages. */
  interface Outcomes {
    void sent(long deadlineNanos);

    void failed(long deadlineNanos, String error);
  }
}
