package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code balance leastconn}: the server in use with the fewest open connections per unit of
 * weight, read live from {@link ServerView#activeConnections()} (so connections opened from every
 * event loop count); servers with equal load take turns, the scan starting after the last one
 * picked. Full servers ({@code maxconn}) are skipped; an excluded server (a redispatch) is picked
 * only when no other can take the request. A scan per pick: O(servers), nothing to keep current.
 *
 * <p>Threading: confined to one event loop (its factory asks for one instance per loop, for the
 * turn-taking cursor); no locking, no allocation per pick.
 */
final class LeastConnections implements LoadBalancer {
  private final ServerView[] servers;
  private final boolean allBackups;
  private int start;

  LeastConnections(List<? extends ServerView> servers, BalanceSettings settings) {
    this.servers = servers.toArray(new ServerView[0]);
    this.allBackups = settings.allBackups();
  }

  @Override
  public @Nullable ServerView pick(BalanceRequest request) {
    int n = servers.length;
    if (n == 0) {
      return null;
    }
    boolean backup = !ServerGroup.anyActive(servers);
    if (backup && !allBackups) {
      ServerView first = ServerGroup.firstBackup(servers);
      return first != null && first.hasFreeSlot() ? first : null;
    }
    int best = -1;
    int excluded = -1;
    int i = start >= n ? 0 : start;
    for (int k = 0; k < n; k++) {
      ServerView s = servers[i];
      if (s.isBackup() == backup && ServerGroup.usable(s)) {
        if (s.hasFreeSlot()) {
          if (request.isExcluded(s)) {
            excluded = excluded < 0 || lessLoaded(s, servers[excluded]) ? i : excluded;
          } else if (best < 0 || lessLoaded(s, servers[best])) {
            best = i;
          }
        }
      }
      i = i + 1 == n ? 0 : i + 1;
    }
    int chosen = best >= 0 ? best : excluded;
    if (chosen < 0) {
      return null;
    }
    start = chosen + 1;
    return servers[chosen];
  }

  private static boolean lessLoaded(ServerView a, ServerView b) {
    return (long) a.activeConnections() * b.weight() < (long) b.activeConnections() * a.weight();
  }
}
