package io.hakit.proxy;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code echo "..." | socat stdio SOCKET} for tests: writes the input, reads until the server
 * closes or the deadline.
 */
public final class CliClient {
  private CliClient() {}

  public static String exchange(Path unixSocket, String input) throws IOException {
    return exchange(UnixDomainSocketAddress.of(unixSocket), input, Duration.ofSeconds(5));
  }

  public static String exchange(SocketAddress address, String input, Duration limit) throws IOException {
    StandardProtocolFamily family = address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX
        : StandardProtocolFamily.INET;
    try (SocketChannel ch = SocketChannel.open(family); Selector selector = Selector.open()) {
      ch.connect(address);
      ByteBuffer out = ByteBuffer.wrap(input.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_READ);
      long deadline = System.nanoTime() + limit.toNanos();
      StringBuilder text = new StringBuilder();
      ByteBuffer in = ByteBuffer.allocate(65536);
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("no end of answer within " + limit + "; got: " + text);
        }
        selector.select(left);
        selector.selectedKeys().clear();
        int n = ch.read(in);
        if (n < 0) {
          return text.toString();
        }
        in.flip();
        text.append(StandardCharsets.UTF_8.decode(in));
        in.clear();
      }
    }
  }
}
