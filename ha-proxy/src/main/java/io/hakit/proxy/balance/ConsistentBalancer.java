package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A balancer over a {@link ConsistentRing}: {@code hash-type consistent} hashing (a key's hash
 * picks the nearest point; a request without the key walks the ring in turn) and {@code
 * random[(draws)]} (that many random points, the least loaded of their servers relative to its
 * weight wins: the power of two choices by default). From the chosen point the walk goes on
 * along the ring when the server is full ({@code maxconn}), excluded (a redispatch), or over its
 * bounded load ({@code hash-balance-factor}: at most factor% of the average load per weight, as
 * HAProxy bounds it). The ring is rebuilt lazily after a server changes state or weight, and at
 * once when a pick meets a server that is no longer usable.
 *
 * <p>Threading: confined to one event loop (its factory asks for one instance per loop); no
 * locking, no allocation per pick.
 */
final class ConsistentBalancer implements LoadBalancer {
  private final ServerView[] servers;
  private final ServerView[] group;
  private int groupSize;
  private final BalanceSettings settings;
  private final @Nullable HashKey key;
  private final HashKey.Method method;
  private final int draws;
  private final SplittableRandom random;
  private ConsistentRing ring = ConsistentRing.EMPTY;
  private boolean stale = true;
  private int cursor;

  /**
   * @param key what to hash, or null for random draws
   * @param draws random points per pick (random only)
   */
  ConsistentBalancer(List<? extends ServerView> servers, BalanceSettings settings, @Nullable HashKey key, int draws) {
    this.servers = servers.toArray(new ServerView[0]);
    this.group = new ServerView[this.servers.length];
    this.settings = settings;
    this.key = key;
    this.method = new HashKey.Method(HashFunction.of(settings.hash()), "avalanche".equals(settings.hash().modifier()),
        true);
    this.draws = draws;
    this.random = new SplittableRandom();
  }

  @Override
  public @Nullable ServerView pick(BalanceRequest request) {
    if (stale) {
      rebuild();
    }
    if (ring.size() == 0) {
      return null;
    }
    if (key == null) {
      return pickRandom(request);
    }
    long hash = key.hash(request, method);
    if (hash == HashKey.ABSENT) {
      int node = walkFresh(cursor, HashKey.ABSENT, request);
      if (node >= 0) {
        cursor = node + 1 == ring.size() ? 0 : node + 1;
        return ring.owner(node);
      }
      return null;
    }
    int node = ring.nodeOf((int) hash);
    if (!ServerGroup.usable(ring.owner(node))) {
      rebuild();
      if (ring.size() == 0) {
        return null;
      }
      node = ring.nodeOf((int) hash);
    }
    node = walkFresh(node, hash, request);
    return node < 0 ? null : ring.owner(node);
  }

  private @Nullable ServerView pickRandom(BalanceRequest request) {
    ServerView best = null;
    for (int d = 0; d < draws; d++) {
      int point = random.nextInt();
      int node = walkFresh(ring.nodeOf(point), Integer.toUnsignedLong(point), request);
      if (node < 0) {
        return null;
      }
      ServerView s = ring.owner(node);
      if (best == null || lessLoaded(s, best)) {
        best = s;
      }
    }
    return best;
  }

  /** Fewer connections per unit of weight. */
  private static boolean lessLoaded(ServerView a, ServerView b) {
    return (long) a.activeConnections() * b.weight() < (long) b.activeConnections() * a.weight();
  }

  /**
   * {@link #walk}, once more over a rebuilt ring when the walk met servers that are no longer
   * usable; a hashed request then starts again from its hash's place in the new ring.
   */
  private int walkFresh(int from, long hash, BalanceRequest request) {
    int found = walk(from, request);
    if (found < 0 && stale) {
      rebuild();
      if (ring.size() == 0) {
        return -1;
      }
      found = walk(hash == HashKey.ABSENT ? from : ring.nodeOf((int) hash), request);
    }
    return found;
  }

  /**
   * The first point from {@code from} whose server can take the request; failing that, one over
   * its bounded load, then an excluded one; -1 when every server is full or unusable.
   */
  private int walk(int from, BalanceRequest request) {
    int size = ring.size();
    int overloaded = -1;
    int excluded = -1;
    int node = from >= size ? 0 : from;
    long totalLoad = 0;
    long totalWeight = 0;
    if (settings.balanceFactor() > 0) {
      for (int i = 0; i < groupSize; i++) {
        totalLoad += group[i].activeConnections();
        totalWeight += group[i].weight();
      }
    }
    for (int i = 0; i < size; i++) {
      ServerView s = ring.owner(node);
      if (!ServerGroup.usable(s)) {
        stale = true;
      } else if (s.hasFreeSlot()) {
        if (request.isExcluded(s)) {
          excluded = excluded < 0 ? node : excluded;
        } else if (settings.balanceFactor() > 0 && !withinBound(s, totalLoad, totalWeight)) {
          overloaded = overloaded < 0 ? node : overloaded;
        } else {
          return node;
        }
      }
      node = node + 1 == size ? 0 : node + 1;
    }
    return overloaded >= 0 ? overloaded : excluded;
  }

  /**
   * True when the server has room under {@code hash-balance-factor}: its share (by weight) of the
   * load including this request, times the factor, rounded up, and never less than one.
   */
  private boolean withinBound(ServerView s, long totalLoad, long totalWeight) {
    if (totalWeight == 0) {
      return true;
    }
    long denominator = 100L * totalWeight;
    long slots = ((totalLoad + 1) * settings.balanceFactor() * s.weight() + denominator - 1) / denominator;
    return s.activeConnections() < Math.max(1, slots);
  }

  private void rebuild() {
    groupSize = ServerGroup.select(servers, settings.allBackups(), group);
    ring = ConsistentRing.build(group, groupSize, settings.ids());
    stale = false;
  }

  @Override
  public void onServerStateChanged(ServerView server) {
    stale = true;
  }

  @Override
  public void onWeightChanged(ServerView server) {
    stale = true;
  }
}
