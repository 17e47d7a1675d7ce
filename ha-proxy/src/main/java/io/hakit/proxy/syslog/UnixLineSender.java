package io.hakit.proxy.syslog;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Syslog over a Unix datagram socket such as {@code /dev/log}. The JDK has no Unix datagram
 * sockets, so this uses the non-blocking socket of Netty's native transport library, loaded
 * whenever epoll is available.
 */
final class UnixLineSender implements LineSender {
  private final Socket socket;
  private final byte[] path;

  private UnixLineSender(Socket socket, String path) {
    this.socket = socket;
    this.path = path.getBytes(StandardCharsets.UTF_8);
  }

  /** True when this platform can send to Unix datagram sockets. */
  static boolean isSupported() {
    return Epoll.isAvailable();
  }

  static UnixLineSender open(String path) {
    return new UnixLineSender(Socket.newSocketDomainDgram(), path);
  }

  @Override
  public boolean send(ByteBuffer line) {
    try {
      return socket.sendToDomainSocket(line, line.position(), line.limit(), path) > 0;
    } catch (IOException e) {
      // no listener on the path, or its queue is full: the line is lost
      return false;
    }
  }

  @Override
  public boolean needsDirect() {
    return true;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to lose
    }
  }
}
