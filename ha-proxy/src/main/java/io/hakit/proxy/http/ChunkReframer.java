package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Re-frames a chunked body (request or response) as haproxy 2.6 does on its way out: the chunk data of one read goes
 * out as one chunk (size in upper case hex, extensions dropped), then the last chunk and the
 * trailers as received. The data is not copied: slices of the received buffer go between a
 * small size line and shared CRLF / last-chunk constants.
 */
final class ChunkReframer {
  private static final ByteBuf CRLF = HttpErrors.constant("\r\n");
  private static final ByteBuf LAST_CHUNK = HttpErrors.constant("0\r\n");

  private ChunkReframer() {}

  /** Where re-framed pieces go; each call passes one buffer's ownership. */
  interface Sink {
    void accept(ByteBuf piece);
  }

  /**
   * Sends what {@code framer}'s last scan of {@code in} found, re-framed, to {@code sink}; returns
   * the number of bytes sent. Does not move {@code in}'s reader index.
   */
  static int write(ByteBufAllocator alloc, ByteBuf in, BodyFramer framer, Sink sink) {
    int written = 0;
    int data = 0;
    for (int i = 0; i < framer.dataRangeCount(); i++) {
      data += framer.dataRangeLength(i);
    }
    if (data > 0) {
      ByteBuf size = alloc.directBuffer(10);
      size.writeCharSequence(Integer.toHexString(data).toUpperCase(Locale.ROOT), StandardCharsets.US_ASCII);
      size.writeShort(0x0d0a);
      written += size.readableBytes() + data + 2;
      sink.accept(size);
      for (int i = 0; i < framer.dataRangeCount(); i++) {
        sink.accept(in.retainedSlice(framer.dataRangeIndex(i), framer.dataRangeLength(i)));
      }
      sink.accept(CRLF.duplicate());
    }
    if (framer.lastChunkEnded()) {
      written += 3;
      sink.accept(LAST_CHUNK.duplicate());
    }
    if (framer.trailerLength() > 0) {
      written += framer.trailerLength();
      sink.accept(in.retainedSlice(framer.trailerFrom(), framer.trailerLength()));
    }
    return written;
  }

  /** {@link #write(ByteBufAllocator, ByteBuf, BodyFramer, Sink)} to a channel. */
  static int write(Channel out, ByteBuf in, BodyFramer framer) {
    return write(out.alloc(), in, framer, piece -> out.write(piece, out.voidPromise()));
  }
}
