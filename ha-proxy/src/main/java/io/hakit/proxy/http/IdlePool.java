package io.hakit.proxy.http;

import io.hakit.proxy.backend.ServerState;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Idle keep-alive server connections, per event loop and per server, shared by every client of
 * that loop (HAProxy's idle connection lists): a client's next request, or another client's,
 * reuses them instead of connecting again. Bounded per server; the most recently used goes first.
 * Confined to its event loop (a FastThreadLocal), so no locks.
 */
final class IdlePool {
  static final int MAX_IDLE_PER_SERVER = 128;
  private static final FastThreadLocal<Map<ServerState, ArrayDeque<ServerLeg>>> POOLS = new FastThreadLocal<>() {
    @Override
    protected Map<ServerState, ArrayDeque<ServerLeg>> initialValue() {
      return new IdentityHashMap<>();
    }
  };

  private IdlePool() {}

  /** Parks a connection; false (and the caller closes it) when the pool for its server is full. */
  static boolean offer(ServerLeg leg) {
    ArrayDeque<ServerLeg> q = POOLS.get().computeIfAbsent(leg.server, s -> new ArrayDeque<>());
    if (q.size() >= MAX_IDLE_PER_SERVER || leg.channel == null || !leg.channel.isActive()) {
      return false;
    }
    leg.session = null;
    q.addFirst(leg);
    leg.setReading(true);
    return true;
  }

  /** An open idle connection to this server, or null. */
  static @Nullable ServerLeg poll(ServerState server) {
    ArrayDeque<ServerLeg> q = POOLS.get().get(server);
    if (q == null) {
      return null;
    }
    ServerLeg leg;
    while ((leg = q.pollFirst()) != null) {
      if (leg.channel != null && leg.channel.isActive()) {
        return leg;
      }
    }
    return null;
  }

  static void remove(ServerLeg leg) {
    ArrayDeque<ServerLeg> q = POOLS.get().get(leg.server);
    if (q != null) {
      q.remove(leg);
    }
  }
}
