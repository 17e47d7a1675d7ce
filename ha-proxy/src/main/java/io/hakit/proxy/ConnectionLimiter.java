package io.hakit.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * maxconn for a frontend (and the process): beyond the limit the listeners stop accepting, and a
 * connection accepted in the same burst is parked unread until a slot frees, so a client beyond
 * the limit waits as it would in HAProxy's backlog. Thread-safe: listeners and clients live on
 * several loops.
 */
final class ConnectionLimiter {
  private final int frontendMax;
  private final int globalMax;
  private final AtomicInteger frontendCount = new AtomicInteger();
  private final AtomicInteger globalCount;
  private final List<Channel> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<ChannelHandlerContext> parked = new ConcurrentLinkedQueue<>();

  ConnectionLimiter(int frontendMax, int globalMax, AtomicInteger globalCount) {
    this.frontendMax = frontendMax;
    this.globalMax = globalMax;
    this.globalCount = globalCount;
  }

  /** %fc: connections admitted on this frontend now. */
  int frontendConnections() {
    return frontendCount.get();
  }

  void addListener(Channel listener) {
    listeners.add(listener);
  }

  ChannelHandler newHandler() {
    return new Gate();
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

  private void release() {
    frontendCount.decrementAndGet();
    globalCount.decrementAndGet();
    ChannelHandlerContext next;
    while ((next = parked.poll()) != null) {
      if (next.channel().isActive()) {
        if (!tryAcquire()) {
          parked.add(next);
          return;
        }
        ChannelHandlerContext admitted = next;
        ((Gate) admitted.handler()).admitted = true;
        admitted.channel().eventLoop().execute(() -> {
          admitted.fireChannelActive();
          admitted.channel().config().setAutoRead(true);
        });
        return;
      }
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

  /** Per connection: admits or parks it; gives the slot back on close. */
  private final class Gate extends ChannelInboundHandlerAdapter {
    private volatile boolean admitted;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (tryAcquire()) {
        admitted = true;
        ctx.fireChannelActive();
      } else {
        // Parked: not read until admitted, as if still in the listen backlog.
        ctx.channel().config().setAutoRead(false);
        parked.add(ctx);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (admitted) {
        admitted = false;
        release();
        ctx.fireChannelInactive();
      } else {
        parked.remove(ctx);
      }
    }
  }
}
