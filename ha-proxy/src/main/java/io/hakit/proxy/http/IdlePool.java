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
 * reuses them instead of connecting again, as {@code http-reuse} allows. Two lists per server, as
 * HAProxy keeps them: "proven" connections, whose last request was not the first of its client
 * connection (HAProxy's safe list, taken first), and the others. Bounded per server; within a list
 * the longest idle goes first, as haproxy 2.6 picks (observed: sequences of clients reach the same
 * origin connections through both). Confined to its event loop (a FastThreadLocal), so no locks.
 */
final class IdlePool {
  static final int MAX_IDLE_PER_SERVER = 128;

  /** The two lists of one server. */
  private static final class Lists {
    final ArrayDeque<ServerLeg> proven = new ArrayDeque<>();
    final ArrayDeque<ServerLeg> unproven = new ArrayDeque<>();
  }

  private static final FastThreadLocal<Map<ServerState, Lists>> POOLS = new FastThreadLocal<>() {
    @Override
    protected Map<ServerState, Lists> initialValue() {
      return new IdentityHashMap<>();
    }
  };

  private IdlePool() {}

  /** Parks a connection; false (and the caller closes it) when the pool for its server is full. */
  static boolean offer(ServerLeg leg, boolean proven) {
    Lists l = POOLS.get().computeIfAbsent(leg.server, s -> new Lists());
    if (l.proven.size() + l.unproven.size() >= MAX_IDLE_PER_SERVER || leg.channel == null
        || !leg.channel.isActive()) {
      return false;
    }
    (proven ? l.proven : l.unproven).addLast(leg);
    leg.park();
    return true;
  }

  /** An open idle connection to this server from the lists allowed (proven ones first), or null. */
  static @Nullable ServerLeg poll(ServerState server, boolean takeProven, boolean takeUnproven) {
    Lists l = POOLS.get().get(server);
    if (l == null) {
      return null;
    }
    ServerLeg leg = takeProven ? pollOpen(l.proven) : null;
    if (leg == null && takeUnproven) {
      leg = pollOpen(l.unproven);
    }
    return leg;
  }

  private static @Nullable ServerLeg pollOpen(ArrayDeque<ServerLeg> q) {
    ServerLeg leg;
    while ((leg = q.pollFirst()) != null) {
      if (leg.channel != null && leg.channel.isActive()) {
        return leg;
      }
    }
    return null;
  }

  static void remove(ServerLeg leg) {
    Lists l = POOLS.get().get(leg.server);
    if (l != null && !l.proven.remove(leg)) {
      l.unproven.remove(leg);
    }
  }
}
