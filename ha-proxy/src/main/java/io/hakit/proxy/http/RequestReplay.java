package io.hakit.proxy.http;

import io.hakit.proxy.backend.RetryPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * The request body already sent to a server, kept without copying (retained slices of the
 * received buffers, each released exactly once by {@link #clear()}) so that {@code retry-on} can
 * send the request again. The head is not kept: it is encoded again from the parsed head. Gives
 * up (and frees what it holds) once head and body exceed {@link RetryPolicy#MAX_REPLAY_BYTES}, as
 * HAProxy replays only a request that fits in one buffer. Owned by one session, on its event loop.
 */
final class RequestReplay {
  private final List<ByteBuf> body = new ArrayList<>(2);
  private int headBytes;
  private int bodyBytes;
  private boolean tooBig;

  /** The size of the head as encoded for the server (sent again, encoded again, on a retry). */
  void head(int bytes) {
    headBytes = bytes;
    checkBound();
  }

  /** Keeps {@code length} bytes of {@code in} from {@code index} (a retained slice, no copy). */
  void keep(ByteBuf in, int index, int length) {
    if (tooBig) {
      return;
    }
    bodyBytes += length;
    checkBound();
    if (!tooBig) {
      body.add(in.retainedSlice(index, length));
    }
  }

  private void checkBound() {
    if (!tooBig && headBytes + bodyBytes > RetryPolicy.MAX_REPLAY_BYTES) {
      tooBig = true;
      clear();
    }
  }

  /** True while the whole request sent so far can be sent again. */
  boolean replayable() {
    return !tooBig;
  }

  /** Keeps a piece of body as it was sent (ownership stays with the caller: a retained duplicate is kept). */
  void keep(ByteBuf piece) {
    if (tooBig) {
      return;
    }
    bodyBytes += piece.readableBytes();
    checkBound();
    if (!tooBig) {
      body.add(piece.retainedDuplicate());
    }
  }

  /** Writes the kept body to a new server connection (duplicates: the kept slices stay for a later retry). */
  void writeTo(Channel server) {
    for (ByteBuf b : body) {
      server.write(b.retainedDuplicate(), server.voidPromise());
    }
  }

  /** Releases every kept slice, once. */
  void clear() {
    for (ByteBuf b : body) {
      b.release();
    }
    body.clear();
  }
}
