package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;

/**
 * Re-frames a chunked body as haproxy 2.6 does on its way out: the chunk data of one read goes
 * out as one chunk (size in upper case hex, extensions dropped), then the last chunk and the
 * trailers as received. The data is not copied: slices of the received buffer go between a
 * small size line and shared CRLF / last-chunk constants.
 */
final class ChunkReframer {
  private static final ByteBuf CRLF = HttpErrors.constant("\r\n");
  private static final ByteBuf LAST_CHUNK = HttpErrors.constant("0\r\n");

  private ChunkReframer() {}

  /**
   * Writes what {@code framer}'s last scan of {@code in} found, re-framed, to {@code out}; returns
   * the number of bytes written. Does not move {@code in}'s reader index.
   */
  static int write(Channel out, ByteBuf in, BodyFramer framer) {
    int written = 0;
    int data = 0;
    for (int i = 0; i < framer.dataRangeCount(); i++) {
      data += framer.dataRangeLength(i);
    }
    if (data > 0) {
      ByteBuf size = out.alloc().directBuffer(10);
      size.writeCharSequence(Integer.toHexString(data).toUpperCase(java.util.Locale.ROOT), StandardCharsets.US_ASCII);
      size.writeShort(0x0d0a);
      written += size.readableBytes() + data + 2;
      out.write(size, out.voidPromise());
      for (int i = 0; i < framer.dataRangeCount(); i++) {
        out.write(in.retainedSlice(framer.dataRangeIndex(i), framer.dataRangeLength(i)), out.voidPromise());
      }
      out.write(CRLF.duplicate(), out.voidPromise());
    }
    if (framer.lastChunkEnded()) {
      written += 3;
      out.write(LAST_CHUNK.duplicate(), out.voidPromise());
    }
    if (framer.trailerLength() > 0) {
      written += framer.trailerLength();
      out.write(in.retainedSlice(framer.trailerFrom(), framer.trailerLength()), out.voidPromise());
    }
    return written;
  }
}
