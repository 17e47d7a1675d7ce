package io.hakit.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * maxconn for a frontend (and the process): beyond the limit the listeners stop accepting, and a
 * connection accepted in the same burst is parked unread until a slot frees, so a client beyond
 * the limit waits as it would in HAProxy's backlog. Thread-safe: listeners and clients live on
 * several loops.
 *
 * <p>Memory (issue 4): an admitted connection costs the limiter nothing of its own: no handler in
 * its pipeline, only one shared listener on its close future, which gives the slot back and takes
 * the channel out of the proxy's client set. Only a parked connection (rare) has a handler.
 */
final class ConnectionLimiter {
  private final int frontendMax;
  private final int globalMax;
  private final AtomicInteger frontendCount = new AtomicInteger();
  private final AtomicInteger globalCount;
  private final Set<Channel> clients;
  private final List<Channel> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Parked> parked = new ConcurrentLinkedQueue<>();
  /** Shared by every admitted connection of this limiter. */
  private final ChannelFutureListener onAdmittedClose = this::admittedClosed;

  /**
   * @param clients the proxy's open client connections: a connection is in it from its admission
   *     or parking until it closes
   */
  ConnectionLimiter(int frontendMax, int globalMax, AtomicInteger globalCount, Set<Channel> clients) {
    this.frontendMax = frontendMax;
    this.globalMax = globalMax;
    this.globalCount = globalCount;
    this.clients = clients;
  }

  /** %fc: connections admitted on this frontend now. */
  int frontendConnections() {
    return frontendCount.get();
  }

  void addListener(Channel listener) {
    listeners.add(listener);
  }

  /**
   * Sets up a just accepted connection (on its event loop, while it is being registered, before
   * it is active): with a free slot its pipeline gets {@code session} alone; without, it is parked
   * unread behind a handler that holds its channelActive back until a slot frees.
   */
  void admit(Channel ch, ChannelHandler session) {
    clients.add(ch);
    if (tryAcquire()) {
      ch.closeFuture().addListener(onAdmittedClose);
      ch.pipeline().addLast(session);
      return;
    }
    Parked p = new Parked(ch);
    ch.config().setAutoRead(false);
    ch.pipeline().addLast(p, session);
    ch.closeFuture().addListener(p);
    parked.add(p);
  }

  private void admittedClosed(ChannelFuture closed) {
    clients.remove(closed.channel());
    release();
  }

  private boolean tryAcquire() {
    if (frontendMax > 0 && frontendCount.incrementAndGet() > frontendMax) {
      frontendCount.decrementAndGet();
      pause();
      return false;
    }
    if (frontendMax <= 0) {
      frontendCount.incrementAndGet();
    }
    if (globalMax > 0 && globalCount.incrementAndGet() > globalMax) {
      globalCount.decrementAndGet();
      frontendCount.decrementAndGet();
      pause();
      return false;
    }
    if (globalMax <= 0) {
      globalCount.incrementAndGet();
    }
    if ((frontendMax > 0 && frontendCount.get() >= frontendMax) || (globalMax > 0 && globalCount.get() >= globalMax)) {
      pause();
    }
    return true;
  }

  /** Gives a slot back: to the next parked connection still waiting, else to the listeners. */
  private void release() {
    frontendCount.decrementAndGet();
    globalCount.decrementAndGet();
    Parked next;
    while ((next = parked.poll()) != null) {
      if (!next.channel.isActive()) {
        continue;
      }
      if (!tryAcquire()) {
        parked.add(next);
        return;
      }
      if (next.state.compareAndSet(Parked.WAITING, Parked.ADMITTED)) {
        Parked admitted = next;
        admitted.channel.eventLoop().execute(admitted::resume);
        return;
      }
      // Closed meanwhile: its slot is not needed after all.
      frontendCount.decrementAndGet();
      globalCount.decrementAndGet();
    }
    resume();
  }

  private void pause() {
    for (Channel l : listeners) {
      l.config().setAutoRead(false);
    }
  }

  private void resume() {
    for (Channel l : listeners) {
      l.config().setAutoRead(true);
    }
  }

  /**
   * A connection waiting for a slot: its channelActive is held back until then. Its state goes
   * from WAITING to ADMITTED (a slot was taken for it) or CLOSED (it left first), exactly once.
   */
  private final class Parked extends ChannelInboundHandlerAdapter implements ChannelFutureListener {
    static final int WAITING = 0;
    static final int ADMITTED = 1;
    static final int CLOSED = 2;
    final Channel channel;
    final AtomicInteger state = new AtomicInteger(WAITING);
    private @Nullable ChannelHandlerContext ctx;

    Parked(Channel channel) {
      this.channel = channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      this.ctx = ctx;
      if (state.get() == ADMITTED) {
        resume();
      }
    }

    /** Never active for the session: its close is not the session's business either. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      // swallowed
    }

    /** On the channel's loop, once admitted: the session starts, the client is read. */
    void resume() {
      ChannelHandlerContext c = ctx;
      if (c == null || !channel.isActive()) {
        return; // not active yet (channelActive resumes), or closing (operationComplete frees the slot)
      }
      c.fireChannelActive();
      c.pipeline().remove(this);
      channel.config().setAutoRead(true);
    }

    @Override
    public void operationComplete(ChannelFuture closed) {
      clients.remove(channel);
      if (state.compareAndSet(WAITING, CLOSED)) {
        parked.remove(this);
      } else {
        release();
      }
    }
  }
}
