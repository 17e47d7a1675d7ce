package io.hakit.proxy.transport;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes a TCP socket has received, read from the kernel's {@code struct tcp_info}
 * (getsockopt(IPPROTO_TCP, TCP_INFO), through Netty's raw socket option, so no extra native
 * library): a spliced relay moves bytes without seeing them, and the access log and the stats
 * still need exact counts. Netty's own EpollTcpInfo has no byte counters.
 *
 * <p>Layout (linux/tcp.h, the same on every 64-bit and 32-bit Linux since 4.1, where
 * {@code tcpi_bytes_received} was added): {@code tcpi_state} is the first byte,
 * {@code tcpi_bytes_received} the u64 at offset 128 (eight u8, twenty-four u32, then
 * pacing_rate, max_pacing_rate, bytes_acked). A kernel that returns a shorter structure has no
 * counter: {@link #bytesReceived} then says so with -1, and callers do not splice.
 *
 * <p>The kernel counts a received FIN as one byte of sequence space in {@code bytes_received};
 * {@link #bytesReceived} removes it when the caller saw the end of input or the socket's state
 * shows the FIN arrived (a socket that sent its own FIN first is in CLOSE once both are done, a
 * state a reset also leads to: only the caller knows then).
 */
public final class TcpInfo {
  static final int LEVEL_TCP = 6;
  static final int TCP_INFO = 11;
  static final int STATE_OFFSET = 0;
  static final int BYTES_RECEIVED_OFFSET = 128;
  /** Enough for every field up to tcpi_bytes_received (4.1+); the kernel copies at most what it has. */
  static final int LENGTH = BYTES_RECEIVED_OFFSET + Long.BYTES;
  private static final RawUnixChannelOption OPTION = new RawUnixChannelOption("TCP_INFO", LEVEL_TCP, TCP_INFO, LENGTH);

  // tcp_states.h: the states a socket is in once the peer's FIN has been received.
  static final int TIME_WAIT = 6;
  static final int CLOSE_WAIT = 8;
  static final int LAST_ACK = 9;
  static final int CLOSING = 11;

  private TcpInfo() {}

  /**
   * Payload bytes the kernel has received on this socket since it was connected (read by the
   * application or still queued), or -1 when it cannot tell (not an open epoll socket, or a kernel
   * older than 4.1). Call on the channel's event loop.
   *
   * @param finSeen the channel already reported the end of its input (its FIN)
   */
  public static long bytesReceived(Channel channel, boolean finSeen) {
    if (!(channel instanceof EpollSocketChannel ch) || !ch.isOpen()) {
      return -1;
    }
    try {
      ByteBuffer info = ch.config().getOption(OPTION);
      return info == null ? -1 : bytesReceived(info, finSeen);
    } catch (RuntimeException e) {
      // A socket closed meanwhile (EBADF) or an option the kernel refuses: no count.
      return -1;
    }
  }

  /** Decodes a raw {@code struct tcp_info} as getsockopt returned it; -1 when it is too short. */
  static long bytesReceived(ByteBuffer raw, boolean finSeen) {
    ByteBuffer info = raw.duplicate().order(ByteOrder.nativeOrder());
    int start = info.position();
    if (info.remaining() < LENGTH) {
      return -1;
    }
    long received = info.getLong(start + BYTES_RECEIVED_OFFSET);
    int state = info.get(start + STATE_OFFSET) & 0xff;
    boolean finReceived = finSeen || state == CLOSE_WAIT || state == LAST_ACK || state == CLOSING || state == TIME_WAIT;
    return finReceived && received > 0 ? received - 1 : received;
  }
}
