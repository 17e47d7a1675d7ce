package io.hakit.proxy.tcp;

import io.hakit.proxy.transport.Splicing;
import io.hakit.proxy.transport.TcpInfo;
import io.netty.channel.Channel;

/**
 * One direction of a relayed connection (client to server, or back) as far as splicing goes: who
 * reads, who writes, whether the kernel moves its bytes, and what it counted. Confined to the
 * session's event loop; plain fields.
 */
final class Direction {
  /** HAProxy's streamer detection: this many full reads in a row make a fast streamer (splice-auto). */
  static final int FULL_READS_TO_SPLICE = 3;

  final boolean toServer;
  Channel source;
  Channel target;
  /** Was switched to splice: its byte count comes from the kernel from then on. */
  boolean spliced;
  /**
   * Netty's splice loop runs for it, and owns the source's auto-read. Cleared if that loop fails
   * while both sockets stay open (Netty then reads into buffers again, and the session's own
   * back-pressure takes over).
   */
  boolean splicing;
  /** Wants to splice but waits for the target to drain what was written before. */
  boolean startPending;
  /** Asked once and refused (no pipe left, not splicable): stays buffered. */
  boolean refused;
  boolean pipeTaken;
  /** Bytes read in the current read burst, and full bursts in a row (splice-auto). */
  long burst;
  int fullBursts;
  /** The source's FIN was seen. */
  boolean eof;
  /** Bytes left in the source after its FIN are being copied out (see Splicing.readLeftover). */
  boolean draining;
  /** The kernel's count of bytes received by the source, last sampled; -1 before any sample. */
  long received = -1;

  Direction(boolean toServer) {
    this.toServer = toServer;
  }

  /** Ends a read burst; true when splice-auto should now switch this direction to splice. */
  boolean burstEnded(int fullRead) {
    boolean full = burst >= fullRead;
    burst = 0;
    fullBursts = full ? fullBursts + 1 : 0;
    return fullBursts >= FULL_READS_TO_SPLICE;
  }

  /**
   * Reads the kernel's count while the source is open (it only grows).
   *
   * @param closing the session ends: what the source still holds may be read and dropped to find
   *     out whether its FIN arrived (see {@link Splicing#finReceived})
   */
  void sample(boolean closing) {
    if (spliced && source != null && source.isOpen()) {
      boolean fin = eof || (closing && Splicing.finReceived(source));
      long n = TcpInfo.bytesReceived(source, fin);
      if (n > received) {
        received = n;
      }
    }
  }

  /** The bytes read from the source: the kernel's count once spliced, else the buffered count. */
  long total(long buffered) {
    return spliced ? Math.max(received, buffered) : buffered;
  }
}
