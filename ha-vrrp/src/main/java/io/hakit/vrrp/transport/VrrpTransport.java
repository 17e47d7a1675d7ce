package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Carries VRRP messages (the bytes after the IP header) between routers of one link. The
 * implementations: raw IP protocol 112 on Linux (multicast 224.0.0.18 / ff02::12 or unicast
 * peers, TTL/hop limit 255), UDP for unprivileged unicast setups, and in-JVM for tests and the demo.
 *
 * <p>Threading: {@link #start} spawns or uses the transport's own receive thread, which calls the
 * {@link Receiver}; {@link #send} may be called from any thread.
 */
public interface VrrpTransport extends AutoCloseable {

  /** Opens the socket(s) and begins delivering received messages to the receiver. */
  void start(Receiver receiver) throws IOException;

  /**
   * Sends one VRRP message. The destination is the multicast group, or one unicast peer (the
   * caller sends once per peer).
   */
  void send(byte[] vrrpMessage, InetAddress destination) throws IOException;

  /**
   * The source address this transport's packets carry (for the v3 pseudo-header checksum and
   * for the equal-priority tie-break): the interface's primary IPv4 address, or its IPv6
   * link-local address.
   */
  InetAddress sourceAddress();

  /**
   * A sender that times messages in the kernel, or null when this transport cannot (the default).
   * Called on the scheduler thread after {@link #start}; the caller closes it before the transport.
   */
  default @Nullable PacedSender openPacedSender(int capacity) throws IOException {
    return null;
  }

  /**
   * Applies the spec's {@link ThreadScheduling} to the calling thread (the instance's scheduler
   * calls it first thing); false when it could not (the default: a transport without native calls
   * leaves threads as they are).
   */
  default boolean tuneCurrentThread(String who) {
    return false;
  }

  /**
   * True when a datagram waits in the receive socket that the receive thread has not read yet (it
   * may be starved of CPU or stopped at a safepoint): a backup whose down timer is due gives it the
   * chance to arrive first. Any thread; the default (cannot tell) is false.
   */
  default boolean receivePending() {
    return false;
  }

  /** Stops receiving and releases the socket(s). Idempotent. */
  @Override
  void close();

  /** Receives messages; called on the transport's receive thread. Must not throw. */
  @FunctionalInterface
  interface Receiver {
    void onMessage(ReceivedMessage message);
  }
}
