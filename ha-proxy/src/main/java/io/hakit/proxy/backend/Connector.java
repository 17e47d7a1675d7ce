package io.hakit.proxy.backend;

import io.hakit.proxy.transport.Splicing;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Opens server connections on the caller's event loop. One bootstrap per loop and backend is kept
 * (configured once: loop, connect timeout, no resolver since server addresses are resolved when
 * the proxy is built), instead of cloning a template per connection. Call only from an event
 * loop thread, for that loop.
 */
public final class Connector {
  private final Class<? extends SocketChannel> channelClass;
  private final FastThreadLocal<Map<BackendState, Bootstrap>> perLoop = newMaps();
  /** Bootstraps for connections that may splice (TCP mode on epoll): half-closable. */
  private final FastThreadLocal<Map<BackendState, Bootstrap>> perLoopSplicing = newMaps();

  private static FastThreadLocal<Map<BackendState, Bootstrap>> newMaps() {
    return new FastThreadLocal<>() {
      @Override
      protected Map<BackendState, Bootstrap> initialValue() {
        return new IdentityHashMap<>();
      }
    };
  }

  public Connector(Class<? extends SocketChannel> channelClass) {
    this.channelClass = channelClass;
  }

  /** Connects to a server of {@code backend}; {@code handler} becomes the channel's only handler. */
  public ChannelFuture connect(EventLoop loop, BackendState backend, ServerState server, ChannelHandler handler) {
    return connect(loop, backend, server, handler, false);
  }

  /**
   * Connects as {@link #connect(EventLoop, BackendState, ServerState, ChannelHandler)}; with
   * {@code splicing} (TCP mode on epoll) the server's FIN arrives as a ChannelInputShutdownEvent
   * instead of closing the channel, so that a spliced relay can still read what was queued.
   */
  public ChannelFuture connect(EventLoop loop, BackendState backend, ServerState server, ChannelHandler handler,
      boolean splicing) {
    Bootstrap b = (splicing ? perLoopSplicing : perLoop).get().computeIfAbsent(backend, be -> {
      Bootstrap nb = new Bootstrap().group(loop).channel(channelClass)
          .resolver(NoopAddressResolverGroup.INSTANCE)
          .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, be.connectMillis);
      if (splicing) {
        Splicing.prepare(nb);
      }
      return nb;
    });
    // The handler is read synchronously while the channel is initialised: safe on this loop.
    return b.handler(handler).connect(server.socketAddress());
  }
}
