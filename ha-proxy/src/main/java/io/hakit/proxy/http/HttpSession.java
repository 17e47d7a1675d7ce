package io.hakit.proxy.http;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Backend;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.QueuedRequest;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.internal.DeadlineTimer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One client connection in HTTP mode, and the state machine of its transactions: read a request
 * head, route it, connect (or reuse, or queue), stream the request body, stream the response,
 * then keep the client for the next request or close, as the connection mode says.
 *
 * <p>Threading: everything runs on the client channel's event loop, which also owns the server
 * connection, so no field needs synchronisation. Both channels have auto-read off: the client is
 * read only when the server can take more, and the server only when the client can.
 */
final class HttpSession extends ChannelInboundHandlerAdapter implements QueuedRequest, BalanceRequest {
  private enum State {
    /** Between requests: nothing of the next one received. */
    IDLE,
    /** Part of a request head received. */
    HEAD,
    /** Waiting in a backend queue for a server slot. */
    QUEUED,
    CONNECTING,
    /** Request being sent and/or response being received. */
    EXCHANGE,
    /** After a 101: bytes relayed both ways. */
    TUNNEL,
    CLOSED
  }

  /** Which timeout the single timer stands for. */
  private enum Timer {
    HTTP_REQUEST,
    KEEP_ALIVE,
    QUEUE,
    /** Waiting for the rest of a request body. */
    CLIENT,
    SERVER,
    TUNNEL
  }

  private final HttpFrontend fe;
  // The transaction's state (parsers, heads, framers, log figures) exists from the first byte of a
  // request to the end of its response: an idle keep-alive connection holds none of it, only this
  // session, its timer and its channel (issue 4: memory per idle connection). Allocated by
  // beginTransaction(), dropped by endTransaction(); null in state IDLE unless a log line or a
  // 408 needs them for a connection that never sent anything.
  private @Nullable HeadDecoder requestDecoder;
  private @Nullable HeadDecoder responseDecoder;
  private @Nullable HttpHead req;
  private @Nullable HttpHead resp;
  private @Nullable BodyFramer requestBody;
  private @Nullable BodyFramer responseBody;
  private @Nullable Channel client;
  private @Nullable EventLoop loop;
  // The client's address is read from the channel when a request needs it, not copied into
  // every idle connection.
  private static final byte[] NO_SOURCE = new byte[4];

  private State state = State.IDLE;
  private @Nullable Transaction tx;
  /** When the connection was accepted: the start of a first request that never began. */
  private long acceptedAt;
  private @Nullable ByteBuf pending;
  private @Nullable BackendState backend;
  private @Nullable ServerState server;
  private @Nullable ServerLeg leg;
  private @Nullable ServerState excluded;
  private int retries;
  private boolean reused;
  private boolean firstRequest = true;
  private boolean closeAfter;
  private boolean clientWantsClose;
  private boolean keepServer;
  private boolean responseHeadDone;
  private boolean responseStarted;
  private boolean clientInputClosed;
  private boolean upgradeRequested;
  private boolean serverFlushNeeded;
  /** Mirrors the client channel's auto-read flag. */
  private boolean clientReading = true;
  /** Client bytes kept while the session cannot use them, beyond which the client is not read. */
  private static final int MAX_PENDING = 64 * 1024;
  private HttpConnectionMode mode = HttpConnectionMode.KEEP_ALIVE;

  private @Nullable DeadlineTimer<Timer> timer;


  HttpSession(HttpFrontend fe) {
    this.fe = fe;
  }

  // ---------------------------------------------------------------- client channel events

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    client = ctx.channel();
    loop = ctx.channel().eventLoop();
    timer = new DeadlineTimer<>(loop, this::onTimeout);
    acceptedAt = System.currentTimeMillis();
    arm(Timer.HTTP_REQUEST, fe.httpRequestNanos);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      onClientData(buf);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flushServer();
    readClientIfReady();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    readServerIfReady();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      clientInputClosed = true;
      if (state == State.IDLE || state == State.HEAD || state == State.QUEUED || state == State.CONNECTING
          || (state == State.EXCHANGE && !requestBody.isDone())) {
        abort();
      } else {
        closeAfter = true;
      }
    } else if (evt == StopRequest.INSTANCE) {
      closeAfter = true;
      if (state == State.IDLE && pending == null) {
        abort();
      }
    }
    ReferenceCountUtil.release(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (state != State.CLOSED) {
      logIfUseful((tx == null || tx.status == 0) && state == State.IDLE && !firstRequest ? null : "CD");
    }
    cleanup();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    abort();
  }

  // ---------------------------------------------------------------- client data

  private void onClientData(ByteBuf in) {
    boolean kept = false;
    try {
      while (in.isReadable() && state != State.CLOSED) {
        switch (state) {
          case IDLE, HEAD -> {
            if (state == State.IDLE) {
              state = State.HEAD;
              beginTransaction();
              tx.requestStart = System.currentTimeMillis();
              arm(Timer.HTTP_REQUEST, fe.httpRequestNanos);
            }
            HeadDecoder.Result r = requestDecoder.decode(in, req, client.alloc());
            if (r == HeadDecoder.Result.NEED_MORE) {
              return;
            }
            if (r != HeadDecoder.Result.DONE) {
              localError(400, "PR", true);
              return;
            }
            onRequestHead(in);
          }
          case EXCHANGE -> {
            if (requestBody.isDone()) {
              kept = stash(in);
              return;
            }
            forwardRequestBody(in);
          }
          case TUNNEL -> {
            leg.channel.write(in.readRetainedSlice(in.readableBytes()), leg.channel.voidPromise());
            serverFlushNeeded = true;
            touch();
          }
          default -> {
            kept = stash(in);
            return;
          }
        }
      }
    } finally {
      if (!kept) {
        in.release();
      }
    }
  }

  /** Keeps unconsumed client bytes until the session can use them. */
  private boolean stash(ByteBuf in) {
    if (pending == null) {
      pending = in;
    } else {
      CompositeByteBuf c = client.alloc().compositeBuffer();
      c.addComponents(true, pending, in);
      pending = c;
    }
    return true;
  }

  private void resumePending() {
    ByteBuf p = pending;
    if (p != null) {
      pending = null;
      onClientData(p);
    }
  }

  /**
   * Client reads run with auto-read on (re-arming epoll for every read costs two syscalls); they
   * pause only for back-pressure: the server cannot take more, or too much is already stashed.
   */
  private void readClientIfReady() {
    if (client == null || state == State.CLOSED) {
      return;
    }
    boolean want = !clientInputClosed && (pending == null || pending.readableBytes() < MAX_PENDING)
        && !((state == State.EXCHANGE || state == State.TUNNEL) && leg != null && leg.channel != null
            && !leg.channel.isWritable());
    if (want != clientReading) {
      clientReading = want;
      client.config().setAutoRead(want);
    }
  }

  /** The server is read while the client can take more. */
  private void readServerIfReady() {
    ServerLeg l = leg;
    if (l == null || l.channel == null || client == null) {
      return;
    }
    l.setReading(client.isWritable());
  }

  private void flushServer() {
    if (serverFlushNeeded && leg != null && leg.channel != null) {
      serverFlushNeeded = false;
      leg.channel.flush();
    }
  }

  // ---------------------------------------------------------------- request

  private void onRequestHead(ByteBuf received) {
    tx.headDone = System.currentTimeMillis();
    // HAProxy drops Content-Length when Transfer-Encoding is present, and closes after such a request.
    boolean smuggleRisk = req.count("transfer-encoding") > 0 && req.count("content-length") > 0;
    if (!RequestChecks.frame(req, requestBody)) {
      localError(400, "PR", true);
      return;
    }
    if (smuggleRisk) {
      closeAfter = true;
    }
    if (requestBody.kind() == BodyFramer.Kind.CHUNKED && received.isReadable()
        && !requestBody.validatesAhead(received)) {
      // The chunked framing already received is broken: answer before any server sees the head.
      localError(400, "PR", true);
      return;
    }
    clientWantsClose = req.hasToken("connection", "close") || (req.version == 10 && !req.hasToken("connection", "keep-alive"));
    upgradeRequested = req.hasToken("connection", "upgrade") && req.get("upgrade") != null;
    for (RequestRule rule : fe.rules) {
      RequestRule.Verdict v = rule.apply(req);
      if (v == RequestRule.Verdict.ALLOW) {
        break;
      }
      if (v == RequestRule.Verdict.RESPOND) {
        tx.status = rule.status();
        localResponse(rule.response(req), "PR", !requestBody.isDone());
        return;
      }
    }
    BackendState be = fe.route(req);
    if (be == null) {
      localError(503, "SC", false);
      return;
    }
    backend = be;
    Backend bm = be.model();
    mode = HttpConnectionMode.strongest(fe.connectionMode, bm.connectionMode());
    prepareServerHead(bm);
    retries = 0;
    excluded = null;
    tx.queueDone = System.currentTimeMillis();
    pickAndConnect();
  }

  /** Connection and forwardfor headers as HAProxy sets them towards the server. */
  private void prepareServerHead(Backend bm) {
    req.remove("connection");
    var ff = bm.forwardFor() != null ? bm.forwardFor() : fe.forwardFor;
    if (ff != null && (ff.except() == null || !ff.except().contains(req.sourceAddress()))) {
      String name = ff.header().toLowerCase(java.util.Locale.ROOT);
      if (!ff.ifNone() || req.get(name) == null) {
        req.add(name, sourceText());
      }
    }
    if (upgradeRequested) {
      req.add("connection", "upgrade");
    } else if (mode != HttpConnectionMode.KEEP_ALIVE) {
      if (req.version == 11) {
        req.add("connection", "close");
      }
    } else if (req.version == 10) {
      req.add("connection", "keep-alive");
    }
  }

  private void pickAndConnect() {
    BackendState be = backend;
    ServerState s = be.pick(loop, this);
    if (s == null || !s.tryAcquire()) {
      if (be.anyServerUp() && !be.servers().isEmpty()) {
        state = State.QUEUED;
        be.enqueue(this);
        arm(Timer.QUEUE, be.queueNanos);
        return;
      }
      localError(503, "SC", false);
      return;
    }
    server = s;
    tx.serverName = s.name();
    connect(s);
  }

  @Override
  public EventLoop eventLoop() {
    return loop;
  }

  @Override
  public void onSlotMaybeFree() {
    if (state == State.QUEUED) {
      tx.queueDone = System.currentTimeMillis();
      pickAndConnect();
    }
  }

  private void connect(ServerState s) {
    state = State.CONNECTING;
    disarm();
    if (mode == HttpConnectionMode.KEEP_ALIVE) {
      ServerLeg idle = IdlePool.poll(s);
      if (idle != null) {
        idle.session = this;
        leg = idle;
        reused = true;
        onConnected();
        return;
      }
    }
    reused = false;
    ServerLeg l = new ServerLeg(s, this);
    leg = l;
    fe.connector.connect(loop, backend, s, l).addListener((ChannelFutureListener) f -> {
      if (leg != l || state != State.CONNECTING) {
        f.channel().close();
        return;
      }
      if (f.isSuccess()) {
        l.channel = f.channel();
        onConnected();
      } else {
        onConnectFailed(f.cause() instanceof ConnectTimeoutException);
      }
    });
  }

  private void onConnectFailed(boolean timeout) {
    ServerState failed = server;
    leg = null;
    server = null;
    failed.release();
    Backend bm = backend.model();
    if (retries >= bm.retries()) {
      localError(503, "SC", false);
      return;
    }
    retries++;
    boolean redispatch = bm.redispatch() && retries == bm.retries();
    if (redispatch) {
      excluded = failed;
      pickAndConnect();
      return;
    }
    if (!failed.tryAcquire()) {
      pickAndConnect();
      return;
    }
    server = failed;
    state = State.CONNECTING;
    if (timeout) {
      connect(failed);
    } else {
      // HAProxy waits a turn-around second before retrying a refused connection on the same server.
      loop.schedule(() -> {
        if (state == State.CONNECTING && server == failed && leg == null) {
          connect(failed);
        }
      }, 1, TimeUnit.SECONDS);
    }
  }

  private void onConnected() {
    tx.connectDone = System.currentTimeMillis();
    state = State.EXCHANGE;
    responseHeadDone = false;
    responseStarted = false;
    responseDecoder.reset();
    Channel sc = leg.channel;
    sc.write(HeadEncoder.request(req, sc.alloc()), sc.voidPromise());
    serverFlushNeeded = true;
    armExchangeTimer();
    resumePending();
    flushServer();
    readServerIfReady();
    readClientIfReady();
  }

  private void forwardRequestBody(ByteBuf in) {
    int n = requestBody.scan(in);
    if (n > 0) {
      leg.channel.write(in.readRetainedSlice(n), leg.channel.voidPromise());
      serverFlushNeeded = true;
      touch();
    }
    if (requestBody.isInvalid()) {
      localError(400, "PR", true);
    } else if (requestBody.isDone() && timer.kind() == Timer.CLIENT) {
      armExchangeTimer();
    }
  }

  /** timeout client while the request body is still coming, timeout server once it is all sent. */
  private void armExchangeTimer() {
    if (requestBody.isDone()) {
      arm(Timer.SERVER, backend.serverNanos);
    } else {
      arm(Timer.CLIENT, fe.clientNanos);
    }
  }

  // ---------------------------------------------------------------- server events

  void onServerData(ServerLeg from, ByteBuf in) {
    try {
      if (from != leg) {
        return;
      }
      touch();
      while (in.isReadable() && leg == from) {
        if (state == State.TUNNEL) {
          tx.bytesToClient += in.readableBytes();
          client.write(in.readRetainedSlice(in.readableBytes()), client.voidPromise());
          return;
        }
        if (!responseHeadDone) {
          HeadDecoder.Result r = responseDecoder.decode(in, resp, client.alloc());
          if (r == HeadDecoder.Result.NEED_MORE) {
            responseStarted = true;
            return;
          }
          if (r != HeadDecoder.Result.DONE) {
            serverError(502, "PH");
            return;
          }
          onResponseHead();
          continue;
        }
        int n = responseBody.scan(in);
        if (n > 0) {
          tx.bytesToClient += n;
          client.write(in.readRetainedSlice(n), client.voidPromise());
        }
        if (responseBody.isInvalid()) {
          abort();
          return;
        }
        if (responseBody.isDone()) {
          onResponseComplete();
          return;
        }
      }
    } finally {
      in.release();
    }
  }

  private void onResponseHead() {
    responseStarted = true;
    tx.responseAt = System.currentTimeMillis();
    int code = resp.status;
    if (code >= 100 && code < 200 && code != 101) {
      tx.bytesToClient += writeResponseHead(false);
      return;
    }
    tx.status = code;
    if (code == 101 && upgradeRequested) {
      tx.bytesToClient += writeResponseHead(false);
      state = State.TUNNEL;
      arm(Timer.TUNNEL, backend.tunnelNanos);
      resumePending();
      readClientIfReady();
      return;
    }
    responseHeadDone = true;
    boolean serverCloses = resp.hasToken("connection", "close")
        || (resp.version == 10 && !resp.hasToken("connection", "keep-alive"));
    if (req.method.equals("HEAD") || code == 204 || code == 304) {
      responseBody.reset(BodyFramer.Kind.NONE, 0);
    } else if (resp.get("transfer-encoding") != null) {
      responseBody.reset(BodyFramer.Kind.CHUNKED, 0);
      resp.remove("content-length");
    } else if (resp.get("content-length") != null) {
      long len = RequestChecks.contentLength(resp);
      if (len < 0) {
        serverError(502, "PH");
        return;
      }
      responseBody.reset(BodyFramer.Kind.LENGTH, len);
    } else {
      responseBody.reset(BodyFramer.Kind.UNTIL_CLOSE, 0);
      serverCloses = true;
      closeAfter = true;
    }
    // http-reuse never: no idle connection is shared, so none is kept (HAProxy would keep it private).
    keepServer = mode == HttpConnectionMode.KEEP_ALIVE && !serverCloses && !"never".equals(backend.model().httpReuse());
    if (mode == HttpConnectionMode.CLOSE || clientWantsClose || fe.stopping.getAsBoolean() || !requestBody.isDone()) {
      closeAfter = true;
    }
    tx.bytesToClient += writeResponseHead(true);
    if (responseBody.isDone()) {
      onResponseComplete();
    }
  }

  private int writeResponseHead(boolean finalResponse) {
    resp.remove("connection");
    if (finalResponse) {
      if (closeAfter) {
        resp.add("connection", "close");
      } else if (req.version == 10) {
        resp.add("connection", "keep-alive");
      }
    } else if (resp.status == 101) {
      resp.add("connection", "upgrade");
    }
    ByteBuf head = HeadEncoder.response(resp, client.alloc());
    int n = head.readableBytes();
    client.write(head, client.voidPromise());
    return n;
  }

  void onServerReadComplete(ServerLeg from) {
    if (client != null) {
      client.flush();
    }
    if (from == leg) {
      readServerIfReady();
    }
  }

  void onServerWritable(ServerLeg from) {
    if (from == leg) {
      readClientIfReady();
    }
  }

  void onServerClosed(ServerLeg from) {
    if (from != leg) {
      return;
    }
    if (state == State.TUNNEL) {
      leg = null;
      finishLog("--");
      closeClientAfterFlush();
      return;
    }
    if (state != State.EXCHANGE) {
      return;
    }
    if (responseHeadDone && responseBody.kind() == BodyFramer.Kind.UNTIL_CLOSE) {
      keepServer = false;
      onResponseComplete();
      return;
    }
    if (!responseStarted && reused && requestBody.kind() == BodyFramer.Kind.NONE
        && (req.method.equals("GET") || req.method.equals("HEAD"))) {
      // A reused idle connection the server closed as the request went out (the keep-alive race):
      // a bodiless GET/HEAD is safe to send again on a fresh connection; anything else gets a 502.
      leg = null;
      connect(server);
      return;
    }
    if (!responseHeadDone) {
      serverError(502, "SH");
    } else {
      finishLog("SD");
      abort();
    }
  }

  private void onResponseComplete() {
    ServerLeg l = leg;
    leg = null;
    if (l != null) {
      if (keepServer && requestBody.isDone() && !IdlePool.offer(l)) {
        l.close();
      } else if (!keepServer || !requestBody.isDone()) {
        l.close();
      }
    }
    releaseServer();
    finishLog("--");
    endTransaction();
  }

  private void endTransaction() {
    if (closeAfter || clientInputClosed) {
      closeClientAfterFlush();
      return;
    }
    client.flush();
    state = State.IDLE;
    firstRequest = false;
    // An idle keep-alive connection holds nothing of its previous exchange.
    dropTransaction();
    backend = null;
    server = null;
    upgradeRequested = false;
    arm(Timer.KEEP_ALIVE, fe.keepAliveNanos);
    resumePending();
    readClientIfReady();
  }

  // ---------------------------------------------------------------- errors and timeouts

  /** A response produced by the proxy itself (error, deny, return, redirect). */
  private void localResponse(ByteBuf response, String termination, boolean close) {
    dropServer();
    if (responseStarted) {
      ReferenceCountUtil.release(response);
      abort();
      return;
    }
    tx.bytesToClient += response.readableBytes();
    client.write(response, client.voidPromise());
    finishLog(termination);
    if (close || !requestBody.isDone()) {
      closeAfter = true;
    }
    endTransaction();
  }

  private void localError(int code, String termination, boolean close) {
    beginTransaction();
    tx.status = code;
    localResponse(HttpErrors.forStatus(code).duplicate(), termination, close || code == 400 || code == 408);
  }

  private void serverError(int code, String termination) {
    keepServer = false;
    localError(code, termination, false);
  }

  private void onTimeout(Timer kind) {
    if (state == State.CLOSED) {
      return;
    }
    switch (kind) {
      case HTTP_REQUEST -> {
        if (state == State.HEAD || (state == State.IDLE && firstRequest)) {
          localError(408, "cR", true);
        } else {
          abort();
        }
      }
      case KEEP_ALIVE -> abort();
      case QUEUE -> {
        if (state == State.QUEUED) {
          backend.dequeue(this);
          localError(503, "sQ", false);
        }
      }
      case CLIENT -> {
        if (state == State.EXCHANGE && !responseStarted) {
          localError(408, "cD", true);
        } else {
          finishLog("cD");
          abort();
        }
      }
      case SERVER -> {
        if (state == State.EXCHANGE && !responseHeadDone) {
          serverError(504, "sH");
        } else {
          finishLog("sD");
          abort();
        }
      }
      case TUNNEL -> {
        finishLog("--");
        abort();
      }
      default -> { }
    }
  }

  private void dropServer() {
    if (state == State.QUEUED && backend != null) {
      backend.dequeue(this);
    }
    ServerLeg l = leg;
    leg = null;
    if (l != null) {
      l.close();
    }
    releaseServer();
  }

  private void releaseServer() {
    ServerState s = server;
    server = null;
    if (s != null) {
      s.release();
    }
  }

  private void closeClientAfterFlush() {
    state = State.CLOSED;
    disarm();
    client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void abort() {
    if (client != null) {
      client.close();
    }
    cleanup();
  }

  private void cleanup() {
    if (state != State.CLOSED || leg != null || pending != null || server != null) {
      dropServer();
    }
    state = State.CLOSED;
    disarm();
    if (pending != null) {
      pending.release();
      pending = null;
    }
    if (requestDecoder != null) {
      requestDecoder.reset();
    }
    if (responseDecoder != null) {
      responseDecoder.reset();
    }
  }

  // ---------------------------------------------------------------- per-request state

  /** Allocates the transaction's state unless it exists (a request begins, or a log needs it). */
  private void beginTransaction() {
    if (tx != null) {
      return;
    }
    tx = new Transaction();
    tx.acceptedAt = firstRequest ? acceptedAt : System.currentTimeMillis();
    req = new HttpHead();
    req.setSource(source());
    resp = new HttpHead();
    requestDecoder = new HeadDecoder(true, HttpFrontend.MAX_HEAD, HttpFrontend.MAX_HEADERS);
    responseDecoder = new HeadDecoder(false, HttpFrontend.MAX_HEAD, HttpFrontend.MAX_HEADERS);
    requestBody = new BodyFramer();
    responseBody = new BodyFramer();
  }

  /** Going idle between requests: the next request allocates its own state. */
  private void dropTransaction() {
    requestDecoder.reset();
    responseDecoder.reset();
    requestDecoder = null;
    responseDecoder = null;
    req = null;
    resp = null;
    requestBody = null;
    responseBody = null;
    tx = null;
  }

  // ---------------------------------------------------------------- timer

  private void arm(Timer kind, long nanos) {
    timer.arm(kind, nanos);
  }

  private void touch() {
    timer.touch();
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel();
    }
  }

  // ---------------------------------------------------------------- logs

  private void logIfUseful(@Nullable String termination) {
    if (termination == null) {
      return;
    }
    if ((requestDecoder == null || !requestDecoder.inProgress()) && state == State.IDLE && fe.log.dontLogNull()) {
      return;
    }
    finishLog(termination);
  }

  private void finishLog(String termination) {
    beginTransaction();
    if (!fe.log.httpEnabled() || (fe.log.dontLogNull() && req.method.isEmpty() && !requestDecoder.inProgress()
        && tx.status == 408)) {
      // dontlognull: a connection that sent nothing (a probe timing out) leaves no line.
      tx.resetTimes();
      return;
    }
    String line = req.method.isEmpty() ? "<BADREQ>" : req.method + " " + req.uri + " HTTP/1." + (req.version == 10 ? 0 : 1);
    BackendState be = backend;
    tx.log(fe.log, sourceText(), sourcePort(), be == null ? fe.name() : be.name(), termination, retries, line);
  }

  // ---------------------------------------------------------------- BalanceRequest

  @Override
  public byte @Nullable [] sourceAddress() {
    return req != null ? req.sourceAddress() : source();
  }

  private @Nullable InetSocketAddress remote() {
    return client != null && client.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null ? a : null;
  }

  /** The client's address bytes (a copy), or zeros when unknown. */
  private byte[] source() {
    InetSocketAddress a = remote();
    return a == null ? NO_SOURCE : a.getAddress().getAddress();
  }

  private String sourceText() {
    InetSocketAddress a = remote();
    return a == null ? "-" : a.getAddress().getHostAddress();
  }

  private int sourcePort() {
    InetSocketAddress a = remote();
    return a == null ? 0 : a.getPort();
  }

  @Override
  public @Nullable String method() {
    return req == null ? null : req.method;
  }

  @Override
  public @Nullable String uri() {
    return req == null ? null : req.uri;
  }

  @Override
  public @Nullable String header(String name) {
    return req == null ? null : req.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public boolean isExcluded(ServerView s) {
    return s == excluded;
  }
}
