package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Adds the {@code connection} header HAProxy puts on a response it produces itself (an error, a
 * deny): {@code close} when the client connection closes after it, {@code keep-alive} when an
 * HTTP/1.0 client is kept. The response bytes are not copied: the line goes between two slices.
 */
final class ConnectionHeader {
  static final ByteBuf CLOSE = HttpErrors.constant("connection: close\r\n");
  static final ByteBuf KEEP_ALIVE = HttpErrors.constant("connection: keep-alive\r\n");

  private ConnectionHeader() {}

  /**
   * Writes {@code response} (a whole message; ownership passes to this method) to {@code client},
   * with {@code line} added as the last header unless the head already has a connection header or
   * has no content-length (an errorfile page delimited by the close, sent bare as haproxy sends it).
   * Returns the number of bytes written.
   */
  static int write(Channel client, ByteBuf response, @Nullable ByteBuf line) {
    int start = response.readerIndex();
    int headEnd = line == null ? -1 : headEnd(response);
    if (headEnd < 0 || hasHeader(response, start, headEnd, "\nconnection:")
        || !hasHeader(response, start, headEnd, "\ncontent-length:")) {
      int n = response.readableBytes();
      client.write(response, client.voidPromise());
      return n;
    }
    int n = response.readableBytes() + line.readableBytes();
    // headEnd is the index of the blank line's CR: the new line goes right before it.
    client.write(response.retainedSlice(start, headEnd - start), client.voidPromise());
    client.write(line.duplicate(), client.voidPromise());
    client.write(response.retainedSlice(headEnd, response.writerIndex() - headEnd), client.voidPromise());
    response.release();
    return n;
  }

  /** The index of the CR of the empty line ending the head, or -1. */
  private static int headEnd(ByteBuf b) {
    for (int i = b.readerIndex(), end = b.writerIndex() - 3; i < end; i++) {
      if (b.getByte(i) == '\r' && b.getByte(i + 1) == '\n' && b.getByte(i + 2) == '\r' && b.getByte(i + 3) == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  /** True when the head between {@code start} and {@code end} has a line starting with {@code name} ("\nname:", lower case). */
  private static boolean hasHeader(ByteBuf b, int start, int end, String name) {
    outer:
    for (int i = start; i + name.length() <= end; i++) {
      for (int j = 0; j < name.length(); j++) {
        if (Character.toLowerCase((char) b.getByte(i + j)) != name.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
