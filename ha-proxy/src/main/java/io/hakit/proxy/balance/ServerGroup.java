package io.hakit.proxy.balance;

import io.hakit.core.balance.ServerView;
import org.jspecify.annotations.Nullable;

/**
 * Which servers take traffic now, the rule every algorithm shares: the active servers that are up
 * with a weight above 0; when there is none, the backup servers that are, all of them with
 * {@code option allbackups}, otherwise only the first one in configuration order. Stateless.
 */
final class ServerGroup {
  private ServerGroup() {}

  /** Up and weighted: may take new traffic from a balancer. */
  static boolean usable(ServerView s) {
    return s.isUp() && s.weight() > 0;
  }

  /** True when some active server is usable, so backups stay idle. */
  static boolean anyActive(ServerView[] servers) {
    for (ServerView s : servers) {
      if (!s.isBackup() && usable(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fills {@code out} (as long as {@code servers}) with the servers in use, in configuration
   * order, and returns how many; no allocation.
   */
  static int select(ServerView[] servers, boolean allBackups, ServerView[] out) {
    boolean backup = !anyActive(servers);
    int n = 0;
    for (ServerView s : servers) {
      if (s.isBackup() == backup && usable(s)) {
        out[n++] = s;
        if (backup && !allBackups) {
          break;
        }
      }
    }
    return n;
  }

  /** The first usable backup server in configuration order, or null. */
  static @Nullable ServerView firstBackup(ServerView[] servers) {
    for (ServerView s : servers) {
      if (s.isBackup() && usable(s)) {
        return s;
      }
    }
    return null;
  }
}
