package io.hakit.benchmarks.rig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens many keep-alive client connections to a proxy, sends one GET on each, reads its whole
 * response, and then holds the connection open and idle, so that the proxy's memory per idle
 * connection can be read. One thread (the caller's), one selector; at most {@code maxInFlight}
 * connections are being opened at a time so that no listen backlog overflows.
 */
final class IdleClients implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(IdleClients.class);
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  /** "\r\n\r\n" as four bytes in an int. */
  private static final int END_OF_HEAD = 0x0d0a0d0a;

  /** One connection while its request and response are under way. */
  private static final class Exchange {
    final SocketChannel channel;
    final ByteBuffer request;
    final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    long bodyLeft = -1;
    /** The last four bytes of the head, to spot the blank line that ends it. */
    int lastFour;

    Exchange(SocketChannel channel, ByteBuffer request) {
      this.channel = channel;
      this.request = request;
    }
  }

  private final List<SocketChannel> idle = new ArrayList<>();
  private int failed;
  private String firstFailure = "";

  private IdleClients() {}

  /**
   * Opens {@code count} connections to 127.0.0.1:port, each completing one {@code GET path}
   * with a 200, within {@code timeoutMillis}. Connections that fail are counted, not retried.
   */
  static IdleClients open(int port, String path, int count, int maxInFlight, long timeoutMillis) {
    IdleClients clients = new IdleClients();
    try {
      clients.run(port, path, count, maxInFlight, timeoutMillis);
    } catch (IOException e) {
      clients.close();
      throw new UncheckedIOException("idle clients: selector failed", e);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
    return clients;
  }

  /** Connections whose exchange completed and that are being held. */
  int held() {
    return idle.size();
  }

  int failed() {
    return failed;
  }

  String firstFailure() {
    return firstFailure;
  }

  /** Held connections the proxy has not closed: a non-blocking read sees no end of stream. */
  int countOpen() {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    int open = 0;
    for (SocketChannel channel : idle) {
      try {
        buffer.clear();
        if (channel.read(buffer) >= 0) {
          open++;
        }
      } catch (IOException e) {
        // reset by the proxy: not open
      }
    }
    return open;
  }

  @Override
  public void close() {
    for (SocketChannel channel : idle) {
      closeQuietly(channel);
    }
    idle.clear();
  }

  private void run(int port, String path, int count, int maxInFlight, long timeoutMillis)
      throws IOException {
    byte[] request =
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    int started = 0;
    int inFlight = 0;
    try (Selector selector = Selector.open()) {
      while (idle.size() + failed < count) {
        if (System.nanoTime() > deadline) {
          for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
          }
          failed += count - idle.size() - failed;
          recordFailure("timed out after " + timeoutMillis + " ms");
          break;
        }
        while (inFlight < maxInFlight && started < count) {
          SocketChannel channel = SocketChannel.open();
          channel.configureBlocking(false);
          Exchange exchange = new Exchange(channel, ByteBuffer.wrap(request));
          started++;
          inFlight++;
          try {
            boolean connected = channel.connect(target);
            channel.register(
                selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, exchange);
          } catch (IOException e) {
            inFlight--;
            fail(channel, e.toString());
          }
        }
        selector.select(100);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Exchange exchange = (Exchange) key.attachment();
          try {
            if (step(key, exchange, readBuffer)) {
              key.cancel();
              inFlight--;
              idle.add(exchange.channel);
            }
          } catch (IOException | RuntimeException e) {
            key.cancel();
            inFlight--;
            fail(exchange.channel, e.toString());
          }
        }
      }
      selector.selectNow(); // flushes the cancelled keys, so the channels leave the selector
    }
    logger.info("idle clients: {} held, {} failed", idle.size(), failed);
  }

  /** Advances one exchange; true when its response has been read completely. */
  private static boolean step(SelectionKey key, Exchange exchange, ByteBuffer readBuffer)
      throws IOException {
    SocketChannel channel = exchange.channel;
    if (key.isConnectable()) {
      channel.finishConnect();
      key.interestOps(SelectionKey.OP_WRITE);
      return false;
    }
    if (key.isWritable()) {
      channel.write(exchange.request);
      if (!exchange.request.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ);
      }
      return false;
    }
    if (!key.isReadable()) {
      return false;
    }
    readBuffer.clear();
    int n = channel.read(readBuffer);
    if (n < 0) {
      throw new IOException("closed by the proxy before the response ended");
    }
    readBuffer.flip();
    while (readBuffer.hasRemaining()) {
      if (exchange.bodyLeft < 0) {
        byte b = readBuffer.get();
        exchange.head.write(b);
        exchange.lastFour = (exchange.lastFour << 8) | (b & 0xff);
        if (exchange.lastFour == END_OF_HEAD) {
          exchange.bodyLeft = contentLength(exchange.head.toString(StandardCharsets.ISO_8859_1));
        } else if (exchange.head.size() > MAX_HEADER_BYTES) {
          throw new IOException("response header larger than " + MAX_HEADER_BYTES + " bytes");
        }
      } else {
        int take = (int) Math.min(exchange.bodyLeft, readBuffer.remaining());
        readBuffer.position(readBuffer.position() + take);
        exchange.bodyLeft -= take;
        if (readBuffer.hasRemaining()) {
          throw new IOException("unexpected bytes after the response");
        }
      }
    }
    return exchange.bodyLeft == 0;
  }

  /** The Content-Length of a 200 response head; anything else is a failure. */
  private static long contentLength(String head) throws IOException {
    String[] lines = head.split("\r\n");
    if (!lines[0].startsWith("HTTP/1.1 200") && !lines[0].startsWith("HTTP/1.0 200")) {
      throw new IOException("status line: " + lines[0]);
    }
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    throw new IOException("response without Content-Length: " + lines[0]);
  }

  private void fail(SocketChannel channel, String why) {
    failed++;
    recordFailure(why);
    closeQuietly(channel);
  }

  private void recordFailure(String why) {
    if (firstFailure.isEmpty()) {
      firstFailure = why;
    }
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
