package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Smooth weighted round robin: every pick adds each eligible server's weight to its credit, takes
 * the server with the most credit and charges it the total. Over a cycle each server is picked in
 * proportion to its weight, interleaved rather than in bursts (weights 5,1,1 give a a b a c a a).
 * Weights and up/down state are read live at each pick, so runtime changes need no rebuild.
 * Backup servers are used only when no active server is up: the first backup that is up, or all
 * of them in turn with {@code option allbackups}.
 *
 * <p>Threading: confined to one event loop (the factory asks for one instance per loop).
 */
final class SmoothWeightedRoundRobin implements LoadBalancer {
  private final ServerView[] servers;
  private final int[] credit;
  private final boolean allBackups;

  SmoothWeightedRoundRobin(List<? extends ServerView> servers, boolean allBackups) {
    this.servers = servers.toArray(new ServerView[0]);
    this.credit = new int[this.servers.length];
    this.allBackups = allBackups;
  }

  @Override
  public @Nullable ServerView pick(BalanceRequest request) {
    boolean anyActiveUp = false;
    for (ServerView s : servers) {
      if (!s.isBackup() && s.isUp() && s.weight() > 0) {
        anyActiveUp = true;
        break;
      }
    }
    if (!anyActiveUp && !allBackups) {
      return pickBackup();
    }
    ServerView chosen = pickAmong(request, !anyActiveUp, true);
    return chosen != null ? chosen : pickAmong(request, !anyActiveUp, false);
  }

  /** One weighted pick among active (or backup) servers; {@code honourExclusion} skips excluded ones. */
  private @Nullable ServerView pickAmong(BalanceRequest request, boolean backup, boolean honourExclusion) {
    int total = 0;
    int best = -1;
    for (int i = 0; i < servers.length; i++) {
      ServerView s = servers[i];
      int w = s.weight();
      if (s.isBackup() != backup || !s.isUp() || w <= 0 || !s.hasFreeSlot()
          || (honourExclusion && request.isExcluded(s))) {
        continue;
      }
      credit[i] += w;
      total += w;
      if (best < 0 || credit[i] > credit[best]) {
        best = i;
      }
    }
    if (best < 0) {
      return null;
    }
    credit[best] -= total;
    return servers[best];
  }

  /** Without {@code option allbackups} only the first backup that is up serves (null when it is full). */
  private @Nullable ServerView pickBackup() {
    ServerView first = ServerGroup.firstBackup(servers);
    return first != null && first.hasFreeSlot() ? first : null;
  }
}
