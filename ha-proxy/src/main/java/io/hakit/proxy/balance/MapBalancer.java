package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A balancer over a {@link WeightMap}: {@code static-rr} (no key: walk the map in turn) and the
 * {@code map-based} hashes (a key's hash picks the slot {@code hash % size}; a request without
 * the key is balanced in turn, as HAProxy does). The map holds the servers in use and is rebuilt
 * after a server changes state or weight, lazily at the next pick; a server found unusable at
 * pick time (its hook not yet delivered) triggers the rebuild too, so a DOWN server is never
 * returned. From the chosen slot the walk goes on to the next slots when the server is full
 * ({@code maxconn}) or excluded (a redispatch); an excluded server is returned only when no other
 * server can take the request.
 *
 * <p>Threading: confined to one event loop (its factory asks for one instance per loop); no
 * locking, no allocation per pick.
 */
final class MapBalancer implements LoadBalancer {
  private final ServerView[] servers;
  private final ServerView[] scratch;
  private final boolean allBackups;
  private final @Nullable HashKey key;
  private final HashKey.Method method;
  private WeightMap map = WeightMap.EMPTY;
  private boolean stale = true;
  private int cursor;

  MapBalancer(List<? extends ServerView> servers, BalanceSettings settings, @Nullable HashKey key) {
    this.servers = servers.toArray(new ServerView[0]);
    this.scratch = new ServerView[this.servers.length];
    this.allBackups = settings.allBackups();
    this.key = key;
    this.method = new HashKey.Method(HashFunction.of(settings.hash()), "avalanche".equals(settings.hash().modifier()),
        false);
  }

  @Override
  public @Nullable ServerView pick(BalanceRequest request) {
    if (stale) {
      rebuild();
    }
    if (map.size() == 0) {
      return null;
    }
    long hash = key == null ? HashKey.ABSENT : key.hash(request, method);
    if (hash == HashKey.ABSENT) {
      int slot = walkFresh(cursor, HashKey.ABSENT, request);
      if (slot >= 0) {
        cursor = slot + 1 == map.size() ? 0 : slot + 1;
        return map.at(slot);
      }
      return null;
    }
    int slot = map.slotOf((int) hash);
    if (!ServerGroup.usable(map.at(slot))) {
      rebuild();
      if (map.size() == 0) {
        return null;
      }
      slot = map.slotOf((int) hash);
    }
    slot = walkFresh(slot, hash, request);
    return slot < 0 ? null : map.at(slot);
  }

  /**
   * {@link #walk}, once more over a rebuilt map when the walk met servers that are no longer
   * usable; a hashed request then starts again from its hash's place in the new map.
   */
  private int walkFresh(int from, long hash, BalanceRequest request) {
    int found = walk(from, request);
    if (found < 0 && stale) {
      rebuild();
      if (map.size() == 0) {
        return -1;
      }
      found = walk(hash == HashKey.ABSENT ? from : map.slotOf((int) hash), request);
    }
    return found;
  }

  /** The first slot from {@code from} whose server can take the request; an excluded one only as a last resort. */
  private int walk(int from, BalanceRequest request) {
    int size = map.size();
    int fallback = -1;
    int slot = from >= size ? 0 : from;
    for (int i = 0; i < size; i++) {
      ServerView s = map.at(slot);
      if (!ServerGroup.usable(s)) {
        stale = true;
      } else if (s.hasFreeSlot()) {
        if (!request.isExcluded(s)) {
          return slot;
        }
        if (fallback < 0) {
          fallback = slot;
        }
      }
      slot = slot + 1 == size ? 0 : slot + 1;
    }
    return fallback;
  }

  private void rebuild() {
    int n = ServerGroup.select(servers, allBackups, scratch);
    map = WeightMap.build(servers, scratch, n);
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
