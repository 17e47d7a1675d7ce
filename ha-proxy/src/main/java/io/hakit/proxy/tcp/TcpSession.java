package io.hakit.proxy.tcp;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.ServerView;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.LiveStreams;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.http.StopRequest;
import io.hakit.proxy.log.SessionRecord;
import io.hakit.proxy.internal.DeadlineTimer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One relayed TCP connection: picks a server (with retries and redispatch), then copies buffers
 * both ways as they are read, without copying bytes; each side is read only while the other can
 * take more. Inactivity beyond {@code timeout client}/{@code timeout server} closes both.
 * Confined to the client's event loop, which also owns the server connection.
 */
final class TcpSession extends ChannelInboundHandlerAdapter implements BalanceRequest {
  private final TcpFrontend fe;
  private @Nullable Channel client;
  private @Nullable Channel server;
  private @Nullable ServerState chosen;
  private @Nullable ServerState excluded;
  private byte[] source = new byte[4];
  private String sourceText = "-";
  private int sourcePort;
  private int retries;
  private long bytes;
  private long start;
  private long connectedAt;
  private boolean closed;
  private long idleNanos;
  private @Nullable DeadlineTimer<String> timer;
  /** Client bytes read before the server connection was up, and whether the client already half-closed. */
  private java.util.@Nullable ArrayDeque<Object> early;
  private boolean clientEofEarly;
  /** The client half-closed: never read it again (epoll refuses a read after input shutdown). */
  private boolean clientEof;

  private final SessionRecord record;
  /** This connection's entry in show sess. */
  private LiveStreams.@Nullable Stream stream;

  TcpSession(TcpFrontend fe) {
    this.fe = fe;
    this.record = new SessionRecord(fe.log);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    client = ctx.channel();
    fe.counters.sessionOpened();
    fe.backend.counters().session();
    stream = fe.counters.streams().create(client);
    fe.counters.streams().link(stream);
    stream.backend = fe.backend;
    start = System.currentTimeMillis();
    if (client.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
      source = a.getAddress().getAddress();
      sourceText = a.getAddress().getHostAddress();
      sourcePort = a.getPort();
    }
    record.accepted(client);
    record.numbered();
    // No request and no queue in TCP mode: %Tw is 0 and %Tc counts from the accept.
    record.headDone = record.acceptedAt;
    record.queueDone = record.acceptedAt;
    BackendState be = fe.backend;
    record.attach(be);
    long serverNanos = be.serverNanos;
    // Nothing is read from the client until its server connection is up.
    client.config().setAutoRead(false);
    idleNanos = fe.clientNanos > 0 && serverNanos > 0 ? Math.min(fe.clientNanos, serverNanos)
        : Math.max(fe.clientNanos, serverNanos);
    pickAndConnect();
  }

  private void pickAndConnect() {
    BackendState be = fe.backend;
    ServerState s = be.pick(client.eventLoop(), this);
    if (s == null || !s.tryAcquire()) {
      finish("SC");
      return;
    }
    chosen = s;
    record.assigned(s);
    stream.server = s;
    s.counters().session();
    s.counters().selected();
    be.counters().selected();
    Relay toClient = new Relay();
    fe.connector.connect(client.eventLoop(), be, s, toClient).addListener((ChannelFutureListener) f -> {
          if (closed) {
            f.channel().close();
            return;
          }
          if (f.isSuccess()) {
            server = f.channel();
            connectedAt = System.currentTimeMillis();
            record.serverConnected(server);
            arm();
            if (early != null) {
              for (Object m : early) {
                server.write(m, server.voidPromise());
              }
              early = null;
              server.flush();
            }
            if (clientEofEarly) {
              shutdownServerOutput();
              return;
            }
            setClientReading(server.isWritable());
          } else {
            onConnectFailed(s, f.cause() instanceof ConnectTimeoutException);
          }
        });
  }

  private void onConnectFailed(ServerState failed, boolean timeout) {
    chosen = null;
    failed.release();
    var bm = fe.backend.model();
    if (retries >= bm.retries()) {
      finish("SC");
      return;
    }
    retries++;
    if (bm.redispatch() && retries == bm.retries()) {
      excluded = failed;
    }
    if (timeout || excluded == failed) {
      pickAndConnect();
    } else {
      client.eventLoop().schedule(() -> {
        if (!closed) {
          pickAndConnect();
        }
      }, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      record.bytesFromClient += b.readableBytes();
    }
    if (server == null && !closed) {
      if (early == null) {
        early = new java.util.ArrayDeque<>();
      }
      early.add(msg);
      return;
    }
    forward(msg, server);
  }

  /**
   * Auto-read stays on (re-arming epoll per read costs syscalls) and is switched off only for
   * back-pressure, or before the server connection is up.
   */
  private void setClientReading(boolean on) {
    if (!clientEof && !closed && client.isActive() && client.config().isAutoRead() != on) {
      client.config().setAutoRead(on);
    }
  }

  private void shutdownServerOutput() {
    Channel s = server;
    s.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ((io.netty.channel.socket.SocketChannel) s).shutdownOutput());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (server != null) {
      server.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (server != null) {
      server.config().setAutoRead(client.isWritable());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      clientEof = true;
      if (server != null) {
        shutdownServerOutput();
      } else {
        clientEofEarly = true;
      }
    } else if (!(evt instanceof StopRequest)) {
      ReferenceCountUtil.release(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fe.counters.sessionClosed();
    // A clean close ends a TCP session normally ("--" in HAProxy's log); errors go through exceptionCaught.
    finish("--");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    finish("CD");
  }

  private void forward(Object msg, @Nullable Channel to) {
    if (to == null || !(msg instanceof ByteBuf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (timer != null) {
      timer.touch();
    }
    to.write(msg, to.voidPromise());
  }

  /** One inactivity timeout for both directions: the smaller of timeout client and timeout server. */
  private void arm() {
    timer = new DeadlineTimer<>(client.eventLoop(), kind -> finish("cD"));
    timer.arm("idle", idleNanos);
  }

  private void finish(String termination) {
    if (closed) {
      return;
    }
    closed = true;
    if (stream != null) {
      stream.unlink();
    }
    if (timer != null) {
      timer.cancel();
    }
    countStats();
    // HAProxy writes the line after the server slot is given back (%sc does not count this connection).
    if (chosen != null) {
      chosen.release();
      chosen = null;
    }
    record.bytesToClient = bytes;
    if (fe.log.enabled() && !(fe.log.dontLogNull() && bytes == 0 && server != null)) {
      record.log(termination, retries);
    } else {
      record.reset();
    }
    if (server != null) {
      server.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    if (client != null) {
      client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    if (chosen != null) {
      chosen.release();
      chosen = null;
    }
    if (early != null) {
      early.forEach(ReferenceCountUtil::release);
      early = null;
    }
  }

  /** show stat: the bytes both ways and, once a server connection was up, the connect and total times. */
  private void countStats() {
    long in = record.bytesFromClient;
    fe.counters.bytesIn(in);
    fe.counters.bytesOut(bytes);
    fe.backend.counters().bytesIn(in);
    fe.backend.counters().bytesOut(bytes);
    ServerState s = chosen;
    if (s != null && server != null) {
      s.counters().bytesIn(in);
      s.counters().bytesOut(bytes);
      // No response phase in TCP mode: rtime is 0, as HAProxy reports it.
      long connect = record.timer(SessionRecord.Timer.CONNECT);
      long total = record.timer(SessionRecord.Timer.TOTAL);
      s.counters().times(0, connect, 0, total);
      fe.backend.counters().times(0, connect, 0, total);
    }
  }

  /** The server side's handler: forwards to the client, half-closes, closes. */
  private final class Relay extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf b) {
        bytes += b.readableBytes();
      }
      forward(msg, closed ? null : client);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      setClientReading(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (server == ctx.channel()) {
        finish("--");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (server == ctx.channel()) {
        finish("SD");
      }
      ctx.close();
    }
  }

  @Override
  public byte @Nullable [] sourceAddress() {
    return source;
  }

  @Override
  public @Nullable String method() {
    return null;
  }

  @Override
  public @Nullable String uri() {
    return null;
  }

  @Override
  public @Nullable String header(String name) {
    return null;
  }

  @Override
  public boolean isExcluded(ServerView s) {
    return s == excluded;
  }
}
