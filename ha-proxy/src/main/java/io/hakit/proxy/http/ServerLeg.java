package io.hakit.proxy.http;

import io.hakit.proxy.backend.ServerState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The server side of a session: one connection to one server, on the client's event loop. Events
 * go to the session that owns it; while the connection idles in the {@link IdlePool} it has no
 * session and any byte or close from the server retires it.
 */
final class ServerLeg extends ChannelInboundHandlerAdapter {
  final ServerState server;
  /** The idle pool of {@link #server} on this loop, which counts this connection while in use. */
  final IdlePool pool;
  @Nullable HttpSession session;
  @Nullable Channel channel;
  /** Requests sent over this connection so far. */
  int requests;
  /** Mirrors the channel's auto-read flag (on unless the client cannot take more). */
  private boolean reading = true;
  /** Counted in {@link IdlePool#used}. */
  boolean counted;
  // Links of the idle list this connection waits in, or null (owned by the pool).
  IdlePool.@Nullable IdleChain chain;
  @Nullable ServerLeg idlePrev;
  @Nullable ServerLeg idleNext;

  ServerLeg(ServerState server, IdlePool pool, @Nullable HttpSession session) {
    this.server = server;
    this.pool = pool;
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    HttpSession s = session;
    if (s == null || !(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      if (s == null) {
        ctx.close();
      }
      return;
    }
    s.onServerData(this, buf);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    HttpSession s = session;
    if (s != null) {
      s.onServerReadComplete(this);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    HttpSession s = session;
    if (s != null) {
      s.onServerWritable(this);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    pool.closed(this);
    HttpSession s = session;
    if (s != null) {
      s.onServerClosed(this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Reads the server or pauses it (back-pressure from the client side). */
  void setReading(boolean on) {
    if (on != reading && channel != null) {
      reading = on;
      channel.config().setAutoRead(on);
    }
  }

  /** Idle, owned by no session: any byte or close from the server retires it; read to notice that. */
  void park() {
    session = null;
    setReading(true);
  }

  /** Detaches from its session and closes. */
  void close() {
    session = null;
    if (channel != null) {
      channel.close();
    }
  }
}
