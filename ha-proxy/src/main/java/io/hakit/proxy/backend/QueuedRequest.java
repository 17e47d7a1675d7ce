package io.hakit.proxy.backend;

import io.netty.channel.EventLoop;

/**
 * A request waiting in a backend's queue because every eligible server is at its maxconn. The
 * backend wakes it on its own event loop when a slot frees; it then picks again.
 */
public interface QueuedRequest {
  EventLoop eventLoop();

  /** Called on {@link #eventLoop()}: try to pick a server again. */
  void onSlotMaybeFree();
}
