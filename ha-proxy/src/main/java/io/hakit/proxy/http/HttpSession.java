package io.hakit.proxy.http;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Backend;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ProxyProtocolLine;
import io.hakit.proxy.backend.LiveStreams;
import io.hakit.proxy.backend.QueuedRequest;
import io.hakit.proxy.backend.ReuseMode;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.balance.SampledRequest;
import io.hakit.proxy.internal.DeadlineTimer;
import io.hakit.proxy.logformat.LogContext;
import io.hakit.proxy.stats.StatsPage;
import io.hakit.proxy.transport.EpollRegistrationGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
final class HttpSession extends ChannelInboundHandlerAdapter implements QueuedRequest, SampledRequest {
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
    /** A new server connection being established (timeout connect). */
    CONNECT,
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
  /** The current request hit {@code monitor-uri}: answered, counted, never logged. */
  private boolean monitorAnswer;
  private @Nullable BodyFramer requestBody;
  private @Nullable BodyFramer responseBody;
  private @Nullable Channel client;
  private @Nullable EventLoop loop;
  // The client's address is read from the channel when a request needs it, not copied into
  // every idle connection.
  private static final byte[] NO_SOURCE = new byte[4];

  private State state = State.IDLE;
  private @Nullable Transaction tx;
  /** Accept time, then the end of each transaction: where the next request's idle time (%Ti) starts. */
  private long idleSince;
  private @Nullable ByteBuf pending;
  private @Nullable BackendState backend;
  private @Nullable ServerState server;
  private @Nullable ServerLeg leg;
  private @Nullable ServerState excluded;
  private int retries;
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
  /** The request body sent so far, kept while retry-on may send it again; null when not needed. */
  private @Nullable RequestReplay replay;
  /** The channel of a server connection being established, until it succeeds or fails. */
  private @Nullable Channel connecting;
  /** This client's idle server connections under http-reuse never; created on first use. */
  private @Nullable PrivateLegs privateLegs;
  /** The transaction's cookie persistence; null unless its backend has a {@code cookie}. */
  private @Nullable CookieTransaction cookie;
  /** The current request's entry in show sess, from its complete head to its end; null between requests. */
  private LiveStreams.@Nullable Stream stream;


  HttpSession(HttpFrontend fe) {
    this.fe = fe;
  }

  // ---------------------------------------------------------------- client channel events

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    client = ctx.channel();
    loop = ctx.channel().eventLoop();
    timer = new DeadlineTimer<>(loop, this::onTimeout);
    idleSince = System.currentTimeMillis();
    fe.counters.sessionOpened();
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
      // The client is only written to from now on: see EpollRegistrationGuard (Netty 4.2.18 could
      // drop it from epoll and lose the end of a large response).
      EpollRegistrationGuard.keepRegistered(client);
      if (state == State.IDLE || state == State.HEAD || state == State.QUEUED || state == State.CONNECTING
          || (state == State.EXCHANGE && !requestBody.isDone())) {
        if (state == State.HEAD || (state == State.IDLE && firstRequest)) {
          countStats("CR");
        }
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
    fe.counters.sessionClosed();
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
            int before = in.readerIndex();
            HeadDecoder.Result r = requestDecoder.decode(in, req, client.alloc());
            tx.bytesFromClient += in.readerIndex() - before;
            if (r == HeadDecoder.Result.NEED_MORE) {
              return;
            }
            if (r != HeadDecoder.Result.DONE) {
              byte[] refused = requestDecoder.takeInvalid();
              if (refused != null) {
                fe.counters.invalidRequest(refused, requestDecoder.invalidLineAt(), remote());
              }
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
    tx.requestHead();
    listStream();
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
    String monitorUri = fe.model.monitorUri();
    if (monitorUri != null && req.uri.equals(monitorUri)) {
      // haproxy answers monitor-uri before any rule, with the 200 page (errorfile 200 if set), and logs nothing.
      monitorAnswer = true;
      tx.status = 200;
      localResponse(fe.errorPages.rule(200).duplicate(), "LR", fe.errorPages.closes(200));
      return;
    }
    if (!applyRules(fe.rules, req)) {
      return;
    }
    tx.afterRequestRules();
    if (fe.statsPage != null && fe.statsPage.matches(req.uri)) {
      answerStats(fe.statsPage);
      return;
    }
    BackendState be = fe.route(req);
    if (be == null) {
      localError(503, "SC", false);
      return;
    }
    backend = be;
    tx.attach(be);
    tx.cookie = cookie = CookieTransaction.begin(fe.cookies, be, req);
    if (stream != null) {
      stream.backend = be;
    }
    be.counters().request();
    be.counters().session();
    // As haproxy: the backend's own http-request rules once the request is switched to it.
    if (!applyRules(fe.rulesOf(be).request(), req)) {
      return;
    }
    Backend bm = be.model();
    // haproxy 2.6.12: a backend's "option httpclose" closes the server side only (observed: the
    // client side is kept alive unless the frontend says otherwise), as http-server-close does.
    HttpConnectionMode beMode = bm.connectionMode() == HttpConnectionMode.CLOSE ? HttpConnectionMode.SERVER_CLOSE
        : bm.connectionMode();
    mode = HttpConnectionMode.strongest(fe.connectionMode, beMode);
    prepareServerHead(bm);
    retries = 0;
    excluded = null;
    if (be.retryPolicy.needsReplay()) {
      replay = new RequestReplay();
    }
    tx.queueDone = System.currentTimeMillis();
    pickAndConnect();
  }

  /**
   * Runs rules in order over {@code head}: the request's for http-request rules, the response's
   * for http-response rules. False when one answered: a denied response is dropped with its
   * server connection (nothing of it reached the client yet) and replaced by the rule's answer.
   */
  private boolean applyRules(RequestRule[] rules, HttpHead head) {
    for (RequestRule rule : rules) {
      RequestRule.Verdict v = rule.apply(head, tx);
      if (v == RequestRule.Verdict.ALLOW) {
        return true;
      }
      if (v == RequestRule.Verdict.RESPOND) {
        if (rules == fe.rules) {
          // A listen section's own answer: haproxy has read its persistence cookie first.
          listenCookie(rule.isDeny());
        }
        boolean onResponse = head == resp;
        if (onResponse) {
          responseHeadDone = false;
          keepServer = false;
        }
        tx.status = rule.status();
        boolean pageCloses = rule.isDeny() && pages().closes(rule.status());
        localResponse(rule.response(req, tx), rule.termination(), pageCloses || (!onResponse && !requestBody.isDone()));
        return false;
      }
    }
    return true;
  }

  /** The backend's http-response rules, then the frontend's: the order haproxy runs them in. */
  private boolean applyResponseRules() {
    return applyRules(fe.rulesOf(backend).response(), resp) && applyRules(fe.responseRules, resp);
  }

  /** The stats page, produced here as HAProxy's stats applet does ({@code <STATS>} in the log, LR). */
  private void answerStats(StatsPage page) {
    StatsPage.Answer a = page.answer(req.method, req.uri, req.get("authorization"));
    tx.status = a.status();
    listenCookie(false);
    tx.serverName = "<STATS>";
    localResponse(Unpooled.wrappedBuffer(a.bytes()), "LR", clientWantsClose);
  }

  /** The cookie flags (and for a deny, the cookie's server) of a request a listen section answers itself. */
  private void listenCookie(boolean deny) {
    CookiePersistence p = fe.listenCookie;
    if (p != null) {
      tx.cookie = cookie = CookieTransaction.answeredByListen(p, req, deny);
      if (cookie.direct != null) {
        tx.serverName = cookie.direct.name();
      }
    }
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
    // A server the persistence cookie designates bypasses the balancer (and its lbtot count), and
    // so does one a use-server rule names (haproxy reads the cookie first).
    ServerState direct = cookie == null ? null : cookie.server(excluded);
    if (direct == null && excluded == null) {
      direct = useServer(be);
    }
    ServerState s = direct != null ? direct : be.pick(loop, this);
    if (s == null || !s.tryAcquire()) {
      if (be.anyServerUp() && !be.servers().isEmpty()) {
        state = State.QUEUED;
        tx.queued(be);
        be.enqueue(this);
        arm(Timer.QUEUE, be.queueNanos);
        return;
      }
      localError(503, "SC", false);
      return;
    }
    server = s;
    tx.assigned(s);
    tx.served = s;
    if (stream != null) {
      stream.server = s;
    }
    s.counters().session();
    s.counters().request();
    if (direct == null) {
      s.counters().selected();
      be.counters().selected();
    }
    connect(s);
  }

  /**
   * The server of the first use-server rule whose condition holds, if it may take the request: UP
   * (draining included), or in any state with {@code option persist}; else the next rule, as haproxy.
   */
  private @Nullable ServerState useServer(BackendState be) {
    HttpFrontend.ServerRoute[] routes = fe.rulesOf(be).useServer();
    for (HttpFrontend.ServerRoute r : routes) {
      if (r.condition().test(req) && (r.server().isUp() || Boolean.TRUE.equals(be.model().options().get("persist")))) {
        return r.server();
      }
    }
    return null;
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
      ServerLeg idle = takeIdle(s);
      if (idle != null) {
        idle.session = this;
        leg = idle;
        s.counters().connection(true);
        backend.counters().connection(true);
        onConnected();
        return;
      }
    }
    s.counters().connection(false);
    backend.counters().connection(false);
    ServerLeg l = new ServerLeg(s, IdlePool.of(s, loop), this);
    leg = l;
    // timeout connect runs on this session's timer (its loop's timer lane), not as a task that
    // Netty would schedule and cancel for every connection.
    ChannelFuture attempt = fe.connector.connectUntimed(loop, s, l);
    connecting = attempt.channel();
    arm(Timer.CONNECT, backend.connectMillis * 1_000_000L);
    attempt.addListener((ChannelFutureListener) f -> {
      if (connecting == f.channel()) {
        connecting = null;
      }
      if (leg != l || state != State.CONNECTING) {
        f.channel().close();
        return;
      }
      if (f.isSuccess()) {
        l.channel = f.channel();
        l.pool.use(l);
        onConnected();
      } else {
        onConnectFailed(f.cause() instanceof ConnectTimeoutException);
      }
    });
  }

  /** An idle connection to {@code s} this request may use under the backend's http-reuse mode, or null. */
  private @Nullable ServerLeg takeIdle(ServerState s) {
    ReuseMode reuse = backend.reuseMode;
    if (reuse == ReuseMode.NEVER || s.model().sendProxy()) {
      // A send-proxy connection told its server who the client is: it serves that client only.
      return privateLegs == null ? null : privateLegs.take(s);
    }
    // haproxy 2.6: when retry-on covers every failure of a reused connection (conn-failure,
    // empty-response and response-timeout), a first request may take idle connections as a later one does.
    boolean first = firstRequest && !backend.retryPolicy.coversReuseFailures();
    return IdlePool.of(s, loop).poll(reuse.mayTakeProven(first), reuse.mayTakeUnproven(first));
  }

  /** timeout connect expired: the attempt is abandoned (its channel closed) and fails as a timeout. */
  private void onConnectTimeout() {
    Channel c = connecting;
    if (state != State.CONNECTING || c == null || leg == null || leg.channel != null) {
      return;
    }
    connecting = null;
    onConnectFailed(true);
    c.close();
  }

  private void onConnectFailed(boolean timeout) {
    disarm();
    ServerState failed = server;
    leg = null;
    server = null;
    failed.release();
    failed.counters().connectError();
    backend.counters().connectError();
    Backend bm = backend.model();
    if (retries >= bm.retries() || !backend.retryPolicy.onConnFailure()) {
      localError(503, "SC", false);
      return;
    }
    retries++;
    failed.counters().retry();
    backend.counters().retry();
    boolean redispatch = bm.redispatch() && retries == bm.retries();
    if (redispatch) {
      failed.counters().redispatch();
      backend.counters().redispatch();
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
    tx.serverConnected(leg.channel);
    state = State.EXCHANGE;
    responseHeadDone = false;
    responseStarted = false;
    responseDecoder.reset();
    Channel sc = leg.channel;
    if (leg.requests == 0 && leg.server.model().sendProxy()) {
      sc.write(ProxyProtocolLine.of(client, sc.alloc()), sc.voidPromise());
    }
    ByteBuf head = HeadEncoder.request(req, sc.alloc());
    leg.requests++;
    if (replay != null) {
      replay.head(head.readableBytes());
    }
    sc.write(head, sc.voidPromise());
    if (replay != null) {
      // A retry: the body already sent (all of it, or retry-on would not have fired) goes again.
      replay.writeTo(sc);
    }
    serverFlushNeeded = true;
    armExchangeTimer();
    resumePending();
    flushServer();
    readServerIfReady();
    readClientIfReady();
  }

  private void forwardRequestBody(ByteBuf in) {
    int n = requestBody.scan(in);
    tx.bytesFromClient += requestBody.loggedBytes(in, n);
    if (n > 0 && requestBody.kind() == BodyFramer.Kind.CHUNKED) {
      // Re-framed as haproxy 2.6 sends chunked requests (one chunk per read, no extensions).
      Channel sc = leg.channel;
      ChunkReframer.write(sc.alloc(), in, requestBody, piece -> {
        if (replay != null) {
          replay.keep(piece);
        }
        sc.write(piece, sc.voidPromise());
      });
      in.skipBytes(n);
      serverFlushNeeded = true;
      touch();
    } else if (n > 0) {
      if (replay != null) {
        replay.keep(in, in.readerIndex(), n);
      }
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
            byte[] refused = responseDecoder.takeInvalid();
            if (refused != null) {
              backend.counters().invalidResponse(refused, responseDecoder.invalidLineAt(), remote(), fe.model.name(),
                  server);
            }
            if (!retryAfterSend(backend.retryPolicy.onJunkResponse())) {
              serverError(502, "PH");
            }
            return;
          }
          onResponseHead(in);
          continue;
        }
        int n = responseBody.scan(in);
        if (n > 0 && responseBody.kind() == BodyFramer.Kind.CHUNKED) {
          // haproxy 2.6 re-frames chunked bodies (one chunk per read, no extensions): so does this.
          ChunkReframer.write(client, in, responseBody);
          tx.bytesToClient += responseBody.loggedBytes(in, n);
          in.skipBytes(n);
        } else if (n > 0) {
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

  private void onResponseHead(ByteBuf in) {
    responseStarted = true;
    tx.responseAt = System.currentTimeMillis();
    int code = resp.status;
    if (code >= 100 && code < 200 && code != 101) {
      tx.bytesToClient += writeResponseHead(false);
      return;
    }
    if (code == 101 && upgradeRequested) {
      tx.status = code;
      tx.responseHead();
      dropReplay();
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
    BodyFramer.Kind kind;
    long len = 0;
    if (req.method.equals("HEAD") || code == 204 || code == 304) {
      kind = BodyFramer.Kind.NONE;
    } else if (resp.get("transfer-encoding") != null) {
      kind = BodyFramer.Kind.CHUNKED;
    } else if (resp.get("content-length") != null) {
      len = RequestChecks.contentLength(resp);
      if (len < 0) {
        if (!retryAfterSend(backend.retryPolicy.onJunkResponse())) {
          serverError(502, "PH");
        }
        return;
      }
      kind = BodyFramer.Kind.LENGTH;
    } else {
      kind = BodyFramer.Kind.UNTIL_CLOSE;
      serverCloses = true;
    }
    responseBody.reset(kind, len);
    keepServer = mode == HttpConnectionMode.KEEP_ALIVE && !serverCloses;
    if (backend.retryPolicy.onStatus(code) && retryDiscardingResponse(in)) {
      return;
    }
    tx.status = code;
    tx.responseHead();
    // The response goes to the client from now on: no retry can replay the request any more.
    dropReplay();
    if (!applyResponseRules()) {
      return;
    }
    if (kind == BodyFramer.Kind.CHUNKED) {
      resp.remove("content-length");
    } else if (kind == BodyFramer.Kind.UNTIL_CLOSE) {
      closeAfter = true;
    }
    if (mode == HttpConnectionMode.CLOSE || clientWantsClose || fe.stopping.getAsBoolean() || !requestBody.isDone()) {
      closeAfter = true;
    }
    int cookieChange = cookie == null ? 0 : cookie.onResponse(req, resp, server);
    tx.bytesToClient += writeResponseHead(true) - cookieChange;
    if (fe.log.logAsap() && fe.log.enabled()) {
      // option logasap: the line goes now, with what HAProxy holds of the response by then (the
      // head and the body bytes that came with it).
      tx.logEarly(tx.bytesToClient + responseBody.loggedBytesAhead(in), retries);
    }
    if (responseBody.isDone()) {
      onResponseComplete();
    }
  }

  private int writeResponseHead(boolean finalResponse) {
    // %B counts the head as the server sent it, before the connection header is redone.
    int n = Transaction.loggedSize(resp);
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
    if (!responseHeadDone) {
      // haproxy 2.6 retries (empty-response) a close before any response byte, never a close in
      // the middle of a head; either way it answers nothing to a request that is not its client
      // connection's first (say, over an idle connection the server had just timed out): it
      // closes the client connection so that the client sends the request again itself.
      if (!responseStarted && retryAfterSend(backend.retryPolicy.onEmptyResponse())) {
        return;
      }
      if (!firstRequest) {
        leg = null;
        abort();
        return;
      }
      serverError(502, "SH");
    } else {
      finishLog("SD");
      abort();
    }
  }

  private void onResponseComplete() {
    ServerLeg l = leg;
    leg = null;
    if (l != null && !(keepServer && requestBody.isDone() && park(l))) {
      l.close();
    }
    releaseServer();
    finishLog("--");
    endTransaction();
  }

  /**
   * Keeps an idle server connection for later requests: private to this client under http-reuse
   * never, else in the loop's pool, "proven" once it has carried two requests (haproxy 2.6 files a
   * connection in its safe list when the request it carried was not the connection's first).
   */
  private boolean park(ServerLeg l) {
    if (backend.reuseMode == ReuseMode.NEVER || l.server.model().sendProxy()) {
      if (privateLegs == null) {
        privateLegs = new PrivateLegs();
      }
      return privateLegs.offer(l);
    }
    return l.pool.offer(l, l.requests >= 2);
  }

  /**
   * Sends the request again after it reached a server, when retry-on allows it ({@code allowed}),
   * a retry is left, nothing went to the client yet and the whole request is still held. Without
   * option redispatch the same server is tried again, with it the pick avoids the one that failed.
   * Returns false (and changes nothing) when the request cannot be retried.
   */
  private boolean retryAfterSend(boolean allowed) {
    if (!mayRetryAfterSend(allowed)) {
      return false;
    }
    BackendState be = backend;
    ServerState failed = server;
    ServerLeg l = leg;
    leg = null;
    server = null;
    if (l != null) {
      l.close();
    }
    retries++;
    responseHeadDone = false;
    responseStarted = false;
    keepServer = false;
    tx.responseAt = 0;
    if (failed != null) {
      failed.release();
    }
    if (be.model().redispatch() || failed == null || !failed.tryAcquire()) {
      excluded = be.model().redispatch() ? failed : null;
      pickAndConnect();
    } else {
      server = failed;
      connect(failed);
    }
    return true;
  }

  private boolean mayRetryAfterSend(boolean allowed) {
    BackendState be = backend;
    return allowed && be != null && retries < be.model().retries() && replay != null && replay.replayable()
        && requestBody.isDone() && tx.bytesToClient == 0 && state == State.EXCHANGE;
  }

  /**
   * A status retry-on names: the response is dropped and the request sent again. When the whole
   * response is already here and the server keeps the connection, the connection goes back to
   * the idle pool first (haproxy 2.6 may then send the retry over it), else it is closed.
   */
  private boolean retryDiscardingResponse(ByteBuf in) {
    if (!mayRetryAfterSend(true)) {
      return false;
    }
    in.skipBytes(responseBody.scan(in));
    ServerLeg l = leg;
    if (l != null && keepServer && responseBody.isDone() && !in.isReadable()) {
      leg = null;
      if (!park(l)) {
        l.close();
      }
    }
    return retryAfterSend(true);
  }

  private void dropReplay() {
    RequestReplay r = replay;
    replay = null;
    if (r != null) {
      r.clear();
    }
  }

  private void endTransaction() {
    dropReplay();
    if (closeAfter || clientInputClosed) {
      closeClientAfterFlush();
      return;
    }
    client.flush();
    state = State.IDLE;
    firstRequest = false;
    // An idle keep-alive connection holds nothing of its previous exchange.
    idleSince = System.currentTimeMillis();
    dropTransaction();
    backend = null;
    server = null;
    cookie = null;
    upgradeRequested = false;
    responseHeadDone = false;
    responseStarted = false;
    arm(Timer.KEEP_ALIVE, fe.keepAliveNanos);
    resumePending();
    readClientIfReady();
  }

  // ---------------------------------------------------------------- errors and timeouts

  /** A response produced by the proxy itself (error, deny, return, redirect). */
  private void localResponse(ByteBuf response, String termination, boolean close) {
    dropServer();
    if (responseHeadDone) {
      // Part of the server's response already went to the client: too late for another one.
      ReferenceCountUtil.release(response);
      abort();
      return;
    }
    if (close || !requestBody.isDone() || clientWantsClose || fe.connectionMode == HttpConnectionMode.CLOSE) {
      closeAfter = true;
    }
    // %B: a connection header the HTTP/1 output adds is not counted (see LoggedBytes).
    tx.bytesToClient += Transaction.loggedSize(response);
    ConnectionHeader.write(client, response,
        closeAfter ? ConnectionHeader.CLOSE : req.version == 10 ? ConnectionHeader.KEEP_ALIVE : null);
    finishLog(termination);
    endTransaction();
  }

  private void localError(int code, String termination, boolean close) {
    beginTransaction();
    tx.status = code;
    ErrorPages pages = pages();
    localResponse(pages.engine(code).duplicate(), termination, close || code == 400 || code == 408 || pages.closes(code));
  }

  /** The error pages in force: the backend's once the request was switched to one, else the frontend's. */
  private ErrorPages pages() {
    return backend != null ? fe.rulesOf(backend).pages() : fe.errorPages;
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
      case CONNECT -> onConnectTimeout();
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
          if (!retryAfterSend(backend.retryPolicy.onResponseTimeout())) {
            serverError(504, "sH");
          }
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
    Channel c = connecting;
    if (c != null) {
      // An attempt still in progress: nothing else would end it (its timeout was this session's).
      connecting = null;
      c.close();
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
    if (stream != null) {
      stream.unlink();
    }
    if (tx != null) {
      tx.detach();
    }
    if (state != State.CLOSED || leg != null || pending != null || server != null) {
      dropServer();
    }
    state = State.CLOSED;
    disarm();
    dropReplay();
    if (privateLegs != null) {
      privateLegs.closeAll();
    }
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
    req = new HttpHead();
    req.setSource(source());
    resp = new HttpHead();
    // http-response conditions may test the client address too.
    resp.setSource(req.sourceAddress());
    tx = new Transaction(fe.log, req, resp);
    tx.accepted(client, idleSince);
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
      // Not logged, but counted: HAProxy's stats see the empty connection as a failed request.
      countStats(termination);
      return;
    }
    finishLog(termination);
  }

  private void finishLog(String termination) {
    countStats(termination);
    if (monitorAnswer) {
      monitorAnswer = false;
      tx.resetTimes();
      return;
    }
    if (!fe.log.enabled() || (fe.log.dontLogNull() && req.method.isEmpty() && !requestDecoder.inProgress()
        && tx.status == 408)) {
      // dontlognull: a connection that sent nothing (a probe timing out) leaves no line.
      tx.resetTimes();
      return;
    }
    tx.log(termination, retries);
  }

  /** The show stat counters of a finished transaction (one call per access-log line). */
  private void countStats(String termination) {
    beginTransaction();
    TransactionStats.count(fe, backend, tx, termination);
    if (stream != null) {
      // The request's stream ends with it: the next request is a new stream (a new show sess id,
      // as in haproxy), and an idle keep-alive connection holds none.
      stream.unlink();
      stream = null;
    }
  }

  /** show sess: a request is a stream from its complete head to its end, as HAProxy 2.6 lists them. */
  private void listStream() {
    if (stream == null) {
      stream = fe.counters.streams().create(client);
    }
    fe.counters.streams().link(stream);
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
  public @Nullable LogContext sampleContext() {
    return tx;
  }

  @Override
  public boolean isExcluded(ServerView s) {
    return s == excluded;
  }
}
