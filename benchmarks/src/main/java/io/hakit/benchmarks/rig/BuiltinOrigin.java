package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * A small HTTP/1.1 origin for the rig when nginx is not installed ({@code --origin builtin}):
 * one thread, one selector, canned responses, keep-alive. It runs as its own process on the load
 * CPU: {@code java -cp benchmarks.jar io.hakit.benchmarks.rig.BuiltinOrigin STATIC APP1 APP2}.
 * Like the nginx origin, the static port serves only {@code /static/big.bin} and the app ports
 * only {@code /small}; anything else is a 404.
 */
public final class BuiltinOrigin {

  private static final int MAX_HEAD = 16 * 1024;

  /** Per-connection state, owned by the selector thread. */
  private static final class Connection {
    final boolean staticServer;
    final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
    ByteBuffer[] out = new ByteBuffer[0];
    boolean closeAfterWrite;

    Connection(boolean staticServer) {
      this.staticServer = staticServer;
    }
  }

  private final ByteBuffer smallHead = head(200, "OK", RigFiles.SMALL_SIZE, false);
  private final ByteBuffer smallHeadClose = head(200, "OK", RigFiles.SMALL_SIZE, true);
  private final ByteBuffer bigHead = head(200, "OK", RigFiles.BIG_SIZE, false);
  private final ByteBuffer bigHeadClose = head(200, "OK", RigFiles.BIG_SIZE, true);
  private final ByteBuffer notFound = head(404, "Not Found", 0, true);
  private final ByteBuffer smallBody = body(RigFiles.SMALL_SIZE);
  private final ByteBuffer bigBody = body(RigFiles.BIG_SIZE);

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: BuiltinOrigin STATIC_PORT APP1_PORT APP2_PORT");
      System.exit(2);
    }
    new BuiltinOrigin().serve(
        Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
  }

  private void serve(int staticPort, int app1Port, int app2Port) throws IOException {
    Selector selector = Selector.open();
    for (int port : new int[] {staticPort, app1Port, app2Port}) {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT, port == staticPort);
    }
    while (true) {
      selector.select();
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        try {
          if (key.isAcceptable()) {
            accept(selector, key);
          } else {
            Connection connection = (Connection) key.attachment();
            if (key.isReadable()) {
              read(key, connection);
            }
            if (key.isValid() && key.isWritable()) {
              write(key, connection);
            }
          }
        } catch (IOException e) {
          key.cancel();
          key.channel().close();
        }
      }
    }
  }

  private static void accept(Selector selector, SelectionKey key) throws IOException {
    SocketChannel channel;
    while ((channel = ((ServerSocketChannel) key.channel()).accept()) != null) {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.register(selector, SelectionKey.OP_READ, new Connection((Boolean) key.attachment()));
    }
  }

  private void read(SelectionKey key, Connection connection) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    if (channel.read(connection.in) < 0) {
      key.cancel();
      channel.close();
      return;
    }
    answerCompleteRequests(key, connection);
  }

  /** Answers every complete request head in the input buffer (pipelining allowed). */
  private void answerCompleteRequests(SelectionKey key, Connection connection) throws IOException {
    if (connection.out.length > 0) {
      return; // one response at a time; the rest waits in the buffer
    }
    ByteBuffer in = connection.in;
    int end = endOfHead(in);
    if (end < 0) {
      if (!in.hasRemaining()) {
        throw new IOException("request head too large");
      }
      return;
    }
    String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
    in.flip();
    in.position(end);
    in.compact();
    respond(connection, head);
    write(key, connection);
  }

  private void respond(Connection connection, String head) {
    int lineEnd = head.indexOf("\r\n");
    String[] requestLine = head.substring(0, lineEnd < 0 ? head.length() : lineEnd).split(" ");
    String path = requestLine.length > 1 ? requestLine[1] : "";
    String lower = head.toLowerCase(Locale.ROOT);
    boolean close =
        lower.contains("\r\nconnection: close")
            || (requestLine.length > 2 && requestLine[2].equals("HTTP/1.0")
                && !lower.contains("\r\nconnection: keep-alive"));
    if (connection.staticServer && path.equals(RigFiles.BIG_PATH)) {
      connection.out =
          new ByteBuffer[] {(close ? bigHeadClose : bigHead).duplicate(), bigBody.duplicate()};
    } else if (!connection.staticServer && path.equals(RigFiles.SMALL_PATH)) {
      connection.out =
          new ByteBuffer[] {(close ? smallHeadClose : smallHead).duplicate(), smallBody.duplicate()};
    } else {
      connection.out = new ByteBuffer[] {notFound.duplicate()};
      close = true;
    }
    connection.closeAfterWrite = close;
  }

  private void write(SelectionKey key, Connection connection) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    channel.write(connection.out);
    if (connection.out[connection.out.length - 1].hasRemaining()) {
      key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    connection.out = new ByteBuffer[0];
    if (connection.closeAfterWrite) {
      key.cancel();
      channel.close();
      return;
    }
    key.interestOps(SelectionKey.OP_READ);
    answerCompleteRequests(key, connection);
  }

  /** Index just past the first blank line in the buffer's written part, or -1. */
  private static int endOfHead(ByteBuffer in) {
    byte[] bytes = in.array();
    for (int i = 3; i < in.position(); i++) {
      if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  private static ByteBuffer head(int status, String reason, int length, boolean close) {
    String text =
        "HTTP/1.1 " + status + " " + reason + "\r\n"
            + "Server: hakit-rig-origin\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Length: " + length + "\r\n"
            + (close ? "Connection: close\r\n" : "")
            + "\r\n";
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
  }

  private static ByteBuffer body(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    bytes[size - 1] = '\n';
    ByteBuffer direct = ByteBuffer.allocateDirect(size);
    direct.put(bytes).flip();
    return direct.asReadOnlyBuffer();
  }
}
