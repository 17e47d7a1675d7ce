package io.hakit.proxy.http;

import io.hakit.core.model.IdleConnectionPool;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.internal.DeadlineTimer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The idle keep-alive connections to one server on one event loop, shared by every client of that
 * loop (HAProxy's per-thread idle connection lists): a client's next request, or another client's,
 * reuses them instead of connecting again, as {@code http-reuse} allows. Two lists, as HAProxy
 * keeps them: "proven" connections, whose last request was not the first of its client connection
 * (HAProxy's safe list, taken first), and the others. Within a list the longest idle goes first,
 * as haproxy 2.6 picks (observed: sequences of clients reach the same origin connections through
 * both).
 *
 * <p>Which connections are kept and for how long follows haproxy 2.6 with the server's
 * {@code pool-max-conn}, {@code pool-low-conn} and {@code pool-purge-delay} (observed with
 * {@code show servers conn}): the pool counts the connections in use, their peak since the last
 * purge and an estimate of the need; a finished connection is kept when its list is empty or the
 * connections would not exceed the estimated need plus pool-low-conn; every purge delay, half of
 * the surplus over the need is closed, the unproven ones first, oldest first, and the estimate
 * decays towards the recent use. Counted per loop, as haproxy counts per server with one thread;
 * only pool-max-conn is counted across loops (on the {@link ServerState}).
 *
 * <p>Confined to its event loop (a FastThreadLocal per loop thread), so no locks. Adding, taking
 * and removing a connection are O(1) and allocate nothing (the links live on {@link ServerLeg}).
 */
final class IdlePool {
  /**
   * HAKit's bound per server and loop, standing in for haproxy's file-descriptor ratio
   * (tune.pool-high-fd-ratio), which it does not model.
   */
  static final int MAX_IDLE_PER_SERVER = 128;

  private static final FastThreadLocal<Map<ServerState, IdlePool>> POOLS = new FastThreadLocal<>() {
    @Override
    protected Map<ServerState, IdlePool> initialValue() {
      return new IdentityHashMap<>();
    }
  };

  final ServerState server;
  private final EventLoop loop;
  private final int maxConn;
  private final int lowConn;
  private final long purgeNanos;
  private final boolean keepsIdle;
  final IdleChain proven = new IdleChain();
  final IdleChain unproven = new IdleChain();
  /** Connections to the server in use by a session of this loop (haproxy's curr_used_conns). */
  int used;
  /** The peak of {@link #used} since the last purge. */
  int maxUsed;
  /** The estimated need of connections, raised by use and decaying at each purge. */
  int estNeed;
  private @Nullable DeadlineTimer<IdlePool> purgeTimer;

  IdlePool(ServerState server, EventLoop loop) {
    this.server = server;
    this.loop = loop;
    IdleConnectionPool cfg = server.model().idlePool();
    this.maxConn = cfg.maxConn();
    this.lowConn = cfg.lowConn();
    this.purgeNanos = cfg.purgeDelay().toNanos();
    this.keepsIdle = cfg.keepsIdle();
  }

  /** The pool of {@code server} on {@code loop}; call on that loop's thread. */
  static IdlePool of(ServerState server, EventLoop loop) {
    Map<ServerState, IdlePool> pools = POOLS.get();
    IdlePool p = pools.get(server);
    if (p == null) {
      p = new IdlePool(server, loop);
      pools.put(server, p);
    }
    return p;
  }

  int idle() {
    return proven.size + unproven.size;
  }

  /** A connection to the server is now in use by a session (new, or taken from the pool). */
  void use(ServerLeg leg) {
    if (leg.counted) {
      return;
    }
    leg.counted = true;
    int u = ++used;
    if (maxUsed < u) {
      maxUsed = u;
    }
    if (estNeed < u) {
      estNeed = u;
    }
  }

  /**
   * Parks a finished connection, as haproxy 2.6 decides; false (and the caller closes it) when it
   * is not to be kept.
   */
  boolean offer(ServerLeg leg, boolean isProven) {
    if (!keepsIdle || leg.channel == null || !leg.channel.isActive() || idle() >= MAX_IDLE_PER_SERVER) {
      return false;
    }
    boolean ownListRoom = proven.isEmpty() && (isProven || unproven.isEmpty());
    if (!ownListRoom && used + idle() > Math.max(used, estNeed) + lowConn) {
      return false;
    }
    if (maxConn > 0 && !server.tryAddIdle(maxConn)) {
      return false;
    }
    if (leg.counted) {
      leg.counted = false;
      used--;
    }
    (isProven ? proven : unproven).append(leg);
    leg.park();
    armPurge();
    return true;
  }

  /** An open idle connection from the lists allowed (proven ones first), now in use; or null. */
  @Nullable ServerLeg poll(boolean takeProven, boolean takeUnproven) {
    ServerLeg leg = takeProven ? pollOpen(proven) : null;
    if (leg == null && takeUnproven) {
      leg = pollOpen(unproven);
    }
    if (leg != null) {
      use(leg);
    }
    return leg;
  }

  private @Nullable ServerLeg pollOpen(IdleChain chain) {
    ServerLeg leg;
    while ((leg = chain.head) != null) {
      unlink(leg);
      if (leg.channel != null && leg.channel.isActive()) {
        return leg;
      }
    }
    return null;
  }

  /** The connection closed: out of the pool, or no longer in use. */
  void closed(ServerLeg leg) {
    if (leg.chain != null) {
      unlink(leg);
    } else if (leg.counted) {
      leg.counted = false;
      used--;
    }
  }

  private void unlink(ServerLeg leg) {
    IdleChain c = leg.chain;
    if (c != null) {
      c.remove(leg);
      if (maxConn > 0) {
        server.removeIdle();
      }
    }
  }

  private void armPurge() {
    DeadlineTimer<IdlePool> t = purgeTimer;
    if (t == null) {
      t = new DeadlineTimer<>(loop, IdlePool::onPurgeDue);
      purgeTimer = t;
    }
    if (t.kind() == null) {
      t.arm(this, purgeNanos);
    }
  }

  private void onPurgeDue() {
    if (idle() > 0) {
      purge();
      if (idle() > 0) {
        armPurge();
      }
    }
  }

  /**
   * One purge, as haproxy 2.6 runs it every pool-purge-delay while the server has idle
   * connections: the surplus is the connections (used and idle) beyond the larger of the recent
   * peak and the estimated need; half of it, rounded up, plus one are closed, unproven ones first,
   * oldest first. Then the estimate moves halfway towards the recent peak (never below it) and
   * the peak starts again from the connections in use. Returns how many were closed.
   */
  int purge() {
    int exceed = used + idle() - Math.max(maxUsed, estNeed);
    int toKill = exceed / 2 + (exceed & 1);
    estNeed = Math.max((estNeed + maxUsed) / 2, maxUsed);
    maxUsed = used;
    if (exceed <= 0) {
      return 0;
    }
    // haproxy closes toKill * (this thread's idle) / (all idle) + 1 per thread: all of them are here.
    int closed = 0;
    for (int n = toKill + 1; n > 0; n--) {
      ServerLeg victim = unproven.head != null ? unproven.head : proven.head;
      if (victim == null) {
        break;
      }
      unlink(victim);
      victim.close();
      closed++;
    }
    return closed;
  }

  /** An intrusive FIFO of idle connections: the links are fields of {@link ServerLeg}. */
  static final class IdleChain {
    @Nullable ServerLeg head;
    @Nullable ServerLeg tail;
    int size;

    boolean isEmpty() {
      return head == null;
    }

    void append(ServerLeg leg) {
      leg.chain = this;
      leg.idlePrev = tail;
      leg.idleNext = null;
      if (tail == null) {
        head = leg;
      } else {
        tail.idleNext = leg;
      }
      tail = leg;
      size++;
    }

    void remove(ServerLeg leg) {
      ServerLeg p = leg.idlePrev;
      ServerLeg n = leg.idleNext;
      if (p == null) {
        head = n;
      } else {
        p.idleNext = n;
      }
      if (n == null) {
        tail = p;
      } else {
        n.idlePrev = p;
      }
      leg.idlePrev = null;
      leg.idleNext = null;
      leg.chain = null;
      size--;
    }
  }
}
