package io.hakit.proxy.tcp;

import io.hakit.core.balance.ServerView;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ProxyProtocolLine;
import io.hakit.proxy.balance.SampledRequest;
import io.hakit.proxy.logformat.LogContext;
import io.hakit.proxy.backend.LiveStreams;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.http.StopRequest;
import io.hakit.proxy.log.SessionRecord;
import io.hakit.proxy.internal.DeadlineTimer;
import io.hakit.proxy.transport.EpollRegistrationGuard;
import io.hakit.proxy.transport.Splicing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed TCP connection: picks a server (with retries and redispatch), then copies buffers
 * both ways as they are read, without copying bytes; each side is read only while the other can
 * take more. Inactivity beyond {@code timeout client}/{@code timeout server} closes both.
 * Confined to the client's event loop, which also owns the server connection.
 *
 * <p>Splicing ({@code option splice-request/-response/-auto} on epoll): a spliced direction's
 * bytes go socket to pipe to socket in the kernel and never reach the pipeline; Netty still ends
 * each splice round with a read-complete event, which keeps the inactivity timer current, and the
 * byte counts come from the kernel's per-socket counter ({@link Direction#sample}) when the
 * session ends or the source reports its FIN. Back-pressure of a spliced direction is Netty's
 * (it stops reading the source while the pipe cannot be written out), so the writability
 * handlers leave that source alone.
 */
final class TcpSession extends ChannelInboundHandlerAdapter implements SampledRequest {
  private static final Logger logger = LoggerFactory.getLogger(TcpSession.class);
  /** Leftover chunks copied per call before waiting for the target to drain (bounds the loop). */
  private static final int MAX_LEFTOVER_CHUNKS = 64;

  private final TcpFrontend fe;
  private final Direction request = new Direction(true);
  private final Direction response = new Direction(false);
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
    fe.connector.connect(client.eventLoop(), be, s, toClient, fe.splice.any()).addListener((ChannelFutureListener) f -> {
          if (closed) {
            f.channel().close();
            return;
          }
          if (f.isSuccess()) {
            server = f.channel();
            request.source = client;
            request.target = server;
            response.source = server;
            response.target = client;
            if (fe.splice.any()) {
              // Netty's splice loop re-arms a source's reads after its FIN: see EpollRegistrationGuard.
              EpollRegistrationGuard.keepRegistered(server);
              EpollRegistrationGuard.keepRegistered(client);
            }
            connectedAt = System.currentTimeMillis();
            record.serverConnected(server);
            arm();
            if (s.model().sendProxy()) {
              // send-proxy: the server reads who the client is before any of its bytes.
              server.write(ProxyProtocolLine.of(client, server.alloc()), server.voidPromise());
            }
            if (early != null) {
              for (Object m : early) {
                server.write(m, server.voidPromise());
              }
              early = null;
              server.flush();
            }
            if (fe.splice.response()) {
              startSplice(response);
            }
            if (clientEofEarly) {
              request.eof = true;
              shutdownServerOutput();
              return;
            }
            if (fe.splice.request() && startSplice(request)) {
              // Netty's splice loop owns the client's auto-read from now on; it must read.
              client.config().setAutoRead(true);
            } else {
              setClientReading(server.isWritable());
            }
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
      request.burst += b.readableBytes();
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
    if (!clientEof && !closed && !request.splicing && client.isActive() && client.config().isAutoRead() != on) {
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
      readBurstEnded(request);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (server != null) {
      targetWritabilityChanged(response);
    }
  }

  /**
   * A read burst ended (or, spliced, a splice round): activity for the timer, and splice-auto's
   * cue to count full reads. Buffered reads already touched the timer in {@link #forward}.
   */
  private void readBurstEnded(Direction d) {
    if (d.splicing) {
      if (timer != null) {
        timer.touch();
      }
    } else if (fe.splice.auto() && !d.refused && !closed && d.burstEnded(fe.spliceSettings.fullRead())) {
      startSplice(d);
    }
  }

  /**
   * The target of {@code d} drained below or rose above its write-buffer watermark: pause or
   * resume reading its source (buffered only), resume a splice start or a leftover copy.
   */
  private void targetWritabilityChanged(Direction d) {
    boolean writable = d.target.isWritable();
    if (!d.splicing) {
      if (d.toServer) {
        setClientReading(writable);
      } else {
        server.config().setAutoRead(writable);
      }
    }
    if (writable && d.startPending && !closed) {
      d.startPending = false;
      if (startSplice(d)) {
        d.source.config().setAutoRead(true);
      }
    }
    if (writable && d.draining && !closed) {
      copyLeftover(d);
    }
  }

  /**
   * Switches {@code d} to splicing, once what was already written to its target has drained
   * below the watermark (so that its source reads on, and Netty's splice loop takes over its
   * back-pressure from a clean state). True when the direction splices now.
   */
  private boolean startSplice(Direction d) {
    if (d.spliced || d.refused || d.eof || closed) {
      return d.spliced;
    }
    if (!d.target.isWritable()) {
      d.startPending = true;
      return false;
    }
    if (!Splicing.canSplice(d.source, d.target) || !fe.spliceSettings.takePipe()) {
      d.refused = true;
      return false;
    }
    d.pipeTaken = true;
    d.spliced = true;
    d.splicing = true;
    fe.splices.increment();
    Splicing.spliceForever(d.source, d.target).addListener(f -> {
      if (f.isSuccess() || closed) {
        return;
      }
      logger.debug("Splice of {} ended: {}", d.source, f.cause().toString());
      // A closing source or target ends the session through its own events; a splice error on two
      // open sockets leaves Netty reading into buffers again, under this session's back-pressure.
      if (d.source.isActive() && d.target.isActive()) {
        d.splicing = false;
        d.refused = true;
        targetWritabilityChanged(d);
      }
    });
    return true;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      clientEof = true;
      request.eof = true;
      // The client is only written to from now on; see EpollRegistrationGuard (Netty 4.2.18).
      EpollRegistrationGuard.keepRegistered(client);
      if (server == null) {
        clientEofEarly = true;
      } else if (request.spliced) {
        request.sample(false);
        request.draining = true;
        copyLeftover(request);
      } else {
        shutdownServerOutput();
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

  /**
   * Copies what a spliced source still holds after its FIN (see {@link Splicing#readLeftover}),
   * as far as the target takes it now; then passes the end on: the server's output is shut after
   * the client's FIN, the session ends after the server's.
   */
  private void copyLeftover(Direction d) {
    for (int i = 0; i < MAX_LEFTOVER_CHUNKS && !closed && d.target.isWritable(); i++) {
      ByteBuf chunk;
      try {
        chunk = Splicing.readLeftover(d.source);
      } catch (IOException e) {
        finish(d.toServer ? "CD" : "SD");
        return;
      }
      if (chunk == null) {
        d.draining = false;
        if (d.toServer) {
          shutdownServerOutput();
        } else {
          finish("--");
        }
        return;
      }
      d.target.write(chunk, d.target.voidPromise());
    }
    d.target.flush();
    if (!closed && d.target.isWritable()) {
      // The chunk budget ran out, not the target's room: go on after other channels had their turn.
      client.eventLoop().execute(() -> {
        if (d.draining && !closed) {
          copyLeftover(d);
        }
      });
    }
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
    // A spliced direction's bytes never passed through here: the kernel's count replaces ours.
    request.sample(true);
    response.sample(true);
    long fromClient = request.total(record.bytesFromClient);
    long toClient = response.total(bytes);
    if (request.spliced || response.spliced) {
      fe.splicedBytes.add(fromClient - record.bytesFromClient + toClient - bytes);
      bytes = toClient;
      record.bytesFromClient = fromClient;
    }
    for (Direction d : new Direction[] {request, response}) {
      if (d.pipeTaken) {
        d.pipeTaken = false;
        fe.spliceSettings.returnPipe();
      }
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
        response.burst += b.readableBytes();
      }
      forward(msg, closed ? null : client);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
      if (server == ctx.channel()) {
        readBurstEnded(response);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (server == ctx.channel()) {
        targetWritabilityChanged(request);
      }
    }

    /**
     * The server's FIN, as an event only on connections that may splice (their server channels
     * allow half-closure so that a spliced source is not closed with bytes still queued): the
     * session ends as it does when a server closes, after a spliced source's last bytes.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent && server == ctx.channel() && !closed) {
        response.eof = true;
        if (response.spliced) {
          response.sample(false);
          response.draining = true;
          copyLeftover(response);
        } else {
          finish("--");
        }
      }
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

  /** {@code balance hash <expr>} in TCP mode: layer-4 fetches ({@code src}, {@code dst}, ...) read the session. */
  @Override
  public LogContext sampleContext() {
    return record;
  }

  @Override
  public boolean isExcluded(ServerView s) {
    return s == excluded;
  }
}
