package io.hakit.proxy.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernel splicing between two epoll sockets (socket to pipe to socket, no copy into the JVM), the
 * equivalent of HAProxy's {@code option splice-*} in TCP mode, through Netty's
 * {@code AbstractEpollStreamChannel.spliceTo}.
 *
 * <p>Netty requires both channels level-triggered and on the same event loop. Netty 4.2 runs every
 * epoll channel level-triggered (its epoll mode switch is a no-op there), so only the event loop
 * and the transport matter; anything else (NIO, a kernel without the TCP_INFO byte counter) is
 * refused by {@link #canSplice} and the caller keeps its buffered relay.
 *
 * <p>Netty's splice loop, once the peer's FIN was seen, shuts the input down after one splice
 * round even when the socket still holds data (more than one round's worth, or a full pipe):
 * those bytes stay readable in the kernel (Linux keeps queued data after SHUT_RD), and
 * {@link #readLeftover} reads them so that the caller forwards them before passing the FIN on.
 *
 * <p>Netty 4.2 deprecates its epoll mode switch and splice ("will be removed"); they are what
 * 4.2 has, hence the suppressed deprecation warnings below.
 */
public final class Splicing {
  private static final Logger logger = LoggerFactory.getLogger(Splicing.class);
  private static final int LEFTOVER_CHUNK = 64 * 1024;
  /** Bounds the read-and-drop loop of finReceived (a receive queue is a few MiB at most). */
  private static final int MAX_DROPPED_CHUNKS = 1024;
  /** A marker for the end of input, never released nor written. */
  private static final ByteBuf END = io.netty.buffer.Unpooled.EMPTY_BUFFER;

  private Splicing() {}

  /**
   * Server connections of a proxy that may splice: a server's FIN is an event, not a close (a
   * spliced source closed by Netty at its FIN would lose the bytes still queued, see above).
   * Level-triggered mode needs no option: Netty 4.2 has no other (see the class note).
   */
  public static void prepare(Bootstrap connect) {
    connect.option(ChannelOption.ALLOW_HALF_CLOSURE, true);
  }

  /**
   * Whether {@code source} can splice into {@code target}: both epoll sockets, level-triggered, on
   * one event loop, and the kernel counts received bytes (or the log would lie).
   */
  @SuppressWarnings("deprecation") // EpollMode: see prepare()
  public static boolean canSplice(Channel source, Channel target) {
    if (!(source instanceof EpollSocketChannel s) || !(target instanceof EpollSocketChannel t)) {
      logger.debug("No splice from {} to {}: not native epoll sockets", source, target);
      return false;
    }
    if (s.eventLoop() != t.eventLoop() || s.config().getEpollMode() != EpollMode.LEVEL_TRIGGERED
        || t.config().getEpollMode() != EpollMode.LEVEL_TRIGGERED) {
      logger.debug("No splice from {} to {}: not level-triggered on one event loop", source, target);
      return false;
    }
    if (TcpInfo.bytesReceived(s, false) < 0) {
      logger.debug("No splice from {}: the kernel does not report tcpi_bytes_received", source);
      return false;
    }
    return true;
  }

  /**
   * Splices everything {@code source} receives into {@code target} from now on, after what was
   * already written to {@code target}. The future fails when either closes; it never succeeds.
   * Only after {@link #canSplice}; call on their event loop.
   */
  @SuppressWarnings("deprecation") // spliceTo: see prepare()
  public static ChannelFuture spliceForever(Channel source, Channel target) {
    return ((EpollSocketChannel) source).spliceTo((EpollSocketChannel) target, Integer.MAX_VALUE);
  }

  /**
   * Whether the peer's FIN has arrived on a socket that is about to be closed, found by reading
   * (and dropping) what is still queued before it: the kernel's received-byte count includes a
   * FIN, and a socket's state alone cannot tell a FIN from a reset once both sides are done.
   * Call on the channel's event loop, only when closing it.
   */
  public static boolean finReceived(Channel source) {
    for (int i = 0; i < MAX_DROPPED_CHUNKS; i++) {
      ByteBuf chunk;
      try {
        chunk = readOrEnd(source);
      } catch (IOException e) {
        return false; // reset: no FIN counted
      }
      if (chunk == END) {
        return true;
      }
      if (chunk == null) {
        return false;
      }
      chunk.release();
    }
    return false;
  }

  /**
   * Reads what a spliced source still holds after its input was shut down (see the class note):
   * a buffer the caller now owns, or null once nothing is left. Call on the source's event loop.
   *
   * @throws IOException when the socket fails (a reset)
   */
  public static @Nullable ByteBuf readLeftover(Channel source) throws IOException {
    ByteBuf chunk = readOrEnd(source);
    return chunk == END ? null : chunk;
  }

  /** A chunk read, {@link #END} at the end of input, null when nothing is queued (or not a socket). */
  private static @Nullable ByteBuf readOrEnd(Channel source) throws IOException {
    if (!(source instanceof EpollSocketChannel s)) {
      return null;
    }
    if (!s.isOpen()) {
      // Closed before its last bytes were read: they are lost, which the caller must not hide.
      throw new java.nio.channels.ClosedChannelException();
    }
    FileDescriptor fd = s.fd();
    ByteBuf buf = s.alloc().directBuffer(LEFTOVER_CHUNK);
    boolean keep = false;
    try {
      int n;
      if (buf.hasMemoryAddress()) {
        n = fd.readAddress(buf.memoryAddress(), 0, LEFTOVER_CHUNK);
      } else {
        ByteBuffer nio = buf.nioBuffer(0, LEFTOVER_CHUNK);
        n = fd.read(nio, nio.position(), nio.limit());
      }
      // n < 0: end of input; 0: nothing queued now.
      if (n <= 0) {
        return n < 0 ? END : null;
      }
      buf.writerIndex(n);
      keep = true;
      return buf;
    } finally {
      if (!keep) {
        buf.release();
      }
    }
  }
}
