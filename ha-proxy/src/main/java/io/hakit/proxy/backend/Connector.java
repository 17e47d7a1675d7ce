package io.hakit.proxy.backend;

import io.hakit.proxy.transport.Splicing;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.Inet4Address;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Opens server connections on the caller's event loop. Everything that does not change between
 * connections is set once, on bootstraps kept per loop and server (loop, channel factory, options,
 * no resolver since server addresses are resolved when the proxy is built), instead of per
 * connection. Call only from an event loop thread, for that loop.
 */
public final class Connector {
  /** A server's bootstraps on one loop: with Netty's connect timeout, and without (the caller times it). */
  private static final class Bootstraps {
    @Nullable Bootstrap timed;
    /** Timed, for TCP connections that may splice: half-closable (see {@link Splicing#prepare}). */
    @Nullable Bootstrap splicing;
    @Nullable Bootstrap untimed;
    @Nullable ChannelFactory<? extends SocketChannel> factory;
  }

  private final Class<? extends SocketChannel> channelClass;
  private final FastThreadLocal<Map<ServerState, Bootstraps>> perLoop = new FastThreadLocal<>() {
    @Override
    protected Map<ServerState, Bootstraps> initialValue() {
      return new IdentityHashMap<>();
    }
  };

  public Connector(Class<? extends SocketChannel> channelClass) {
    this.channelClass = channelClass;
  }

  /**
   * Connects to a server of {@code backend}, failing with a ConnectTimeoutException after the
   * backend's {@code timeout connect}; {@code handler} becomes the channel's only handler.
   */
  public ChannelFuture connect(EventLoop loop, BackendState backend, ServerState server, ChannelHandler handler) {
    Bootstraps b = bootstraps(server);
    if (b.timed == null) {
      b.timed = bootstrap(loop, server).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, backend.connectMillis);
    }
    // The handler is read synchronously while the channel is initialised: safe on this loop.
    return b.timed.handler(handler).connect(server.socketAddress());
  }

  /**
   * Connects as {@link #connect(EventLoop, BackendState, ServerState, ChannelHandler)}; with
   * {@code splicing} (TCP mode on epoll) the server's FIN arrives as a ChannelInputShutdownEvent
   * instead of closing the channel, so that a spliced relay can still read what was queued.
   */
  public ChannelFuture connect(EventLoop loop, BackendState backend, ServerState server, ChannelHandler handler,
      boolean splicing) {
    if (!splicing) {
      return connect(loop, backend, server, handler);
    }
    Bootstraps b = bootstraps(server);
    if (b.splicing == null) {
      b.splicing = bootstrap(loop, server).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, backend.connectMillis);
      Splicing.prepare(b.splicing);
    }
    return b.splicing.handler(handler).connect(server.socketAddress());
  }

  /**
   * The same without a connect timeout: the caller times the attempt itself (on its timer lane,
   * instead of a task scheduled and cancelled per connection) and closes the channel on expiry.
   * No Bootstrap on this path: the channel is made, configured, registered and connected here, on
   * the caller's loop, without the per-connection copies of the bootstrap's option and attribute
   * maps, the pending handler task and the extra loop task a Bootstrap's connect goes through.
   */
  public ChannelFuture connectUntimed(EventLoop loop, ServerState server, ChannelHandler handler) {
    Bootstraps b = bootstraps(server);
    if (b.factory == null) {
      b.factory = factory(server);
    }
    SocketChannel ch;
    try {
      ch = b.factory.newChannel();
    } catch (RuntimeException e) {
      // No socket (file descriptors exhausted, say): the bootstrap reports it as a failed future.
      return untimedBootstrap(loop, server, b).handler(handler).connect(server.socketAddress());
    }
    ChannelConfig config = ch.config();
    config.setAllocator(PooledByteBufAllocator.DEFAULT);
    config.setConnectTimeoutMillis(0);
    ChannelFuture registered = loop.register(ch);
    if (registered.isDone() && registered.isSuccess()) {
      // The usual case: registration on the caller's own loop completes at once.
      ch.pipeline().addLast(handler);
      return ch.connect(server.socketAddress());
    }
    ChannelPromise connected = ch.newPromise();
    registered.addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        ch.pipeline().addLast(handler);
        ch.connect(server.socketAddress(), connected);
      } else {
        ch.unsafe().closeForcibly();
        connected.tryFailure(f.cause());
      }
    });
    return connected;
  }

  private Bootstrap untimedBootstrap(EventLoop loop, ServerState server, Bootstraps b) {
    if (b.untimed == null) {
      b.untimed = bootstrap(loop, server).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
    }
    return b.untimed;
  }

  private Bootstraps bootstraps(ServerState server) {
    Map<ServerState, Bootstraps> m = perLoop.get();
    Bootstraps b = m.get(server);
    if (b == null) {
      b = new Bootstraps();
      m.put(server, b);
    }
    return b;
  }

  private Bootstrap bootstrap(EventLoop loop, ServerState server) {
    return new Bootstrap().group(loop)
        .channelFactory(factory(server))
        // Addresses are resolved when the proxy is built: no resolver lookup (a synchronized map) per connect.
        .disableResolver()
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
  }

  /**
   * An IPv4 socket for an IPv4 server under epoll: Netty's default is a dual-stack IPv6 socket,
   * which costs a setsockopt (IPV6_V6ONLY) per connection and longer addresses in every call.
   * Otherwise Netty's reflective factory (it keeps the constructor).
   */
  private ChannelFactory<? extends SocketChannel> factory(ServerState server) {
    if (channelClass == EpollSocketChannel.class && server.socketAddress().getAddress() instanceof Inet4Address) {
      return () -> new EpollSocketChannel(SocketProtocolFamily.INET);
    }
    return new ReflectiveChannelFactory<>(channelClass);
  }
}
