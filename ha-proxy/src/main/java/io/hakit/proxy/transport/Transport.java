package io.hakit.proxy.transport;

import io.hakit.core.HaException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The resolved transport: epoll or NIO, its channel classes and its event loop group factory.
 * Immutable; chosen once when the proxy starts.
 */
public final class Transport {
  private final boolean epoll;

  private Transport(boolean epoll) {
    this.epoll = epoll;
  }

  /**
   * Resolves a kind to a transport this machine can run.
   *
   * @throws HaException when EPOLL is asked for and the native library does not load
   */
  public static Transport resolve(TransportKind kind) {
    return switch (kind) {
      case NIO -> new Transport(false);
      case EPOLL -> {
        if (!Epoll.isAvailable()) {
          throw new HaException("transport EPOLL: native epoll is not available", Epoll.unavailabilityCause());
        }
        yield new Transport(true);
      }
      case AUTO -> new Transport(Epoll.isAvailable());
    };
  }

  /** True for native epoll: then each event loop gets its own SO_REUSEPORT listener. */
  public boolean isEpoll() {
    return epoll;
  }

  public TransportKind kind() {
    return epoll ? TransportKind.EPOLL : TransportKind.NIO;
  }

  public EventLoopGroup newGroup(int threads, String name) {
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, false), factory);
  }

  public Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public Class<? extends SocketChannel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
