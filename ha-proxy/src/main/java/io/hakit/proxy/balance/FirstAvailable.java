package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code balance first}: the server in use with the lowest id ({@code server ... id N}, by default
 * its position) that still has a free connection slot; the next one takes over once it reaches
 * its {@code maxconn}, so a lightly loaded farm runs on as few servers as possible. Weights only
 * matter in that a weight of 0 takes the server out. An excluded server (a redispatch) is picked
 * only when no other can take the request.
 *
 * <p>Threading: stateless, so one instance is shared by every event loop; reads live server
 * state only, no locking, no allocation per pick.
 */
final class FirstAvailable implements LoadBalancer {
  /** The servers by ascending id. */
  private final ServerView[] byId;
  private final boolean allBackups;

  FirstAvailable(List<? extends ServerView> servers, BalanceSettings settings) {
    int[] ids = settings.ids();
    this.byId = servers.toArray(new ServerView[0]);
    Arrays.sort(byId, Comparator.comparingInt((ServerView s) -> ids[s.index()]));
    this.allBackups = settings.allBackups();
  }

  @Override
  public @Nullable ServerView pick(BalanceRequest request) {
    boolean backup = !ServerGroup.anyActive(byId);
    ServerView excluded = null;
    for (ServerView s : byId) {
      if (s.isBackup() != backup || !ServerGroup.usable(s)) {
        continue;
      }
      if (s.hasFreeSlot()) {
        if (!request.isExcluded(s)) {
          return s;
        }
        excluded = excluded == null ? s : excluded;
      }
      if (backup && !allBackups) {
        break; // only the first backup that is up may serve
      }
    }
    return excluded;
  }
}
