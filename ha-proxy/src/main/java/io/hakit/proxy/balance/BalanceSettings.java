package io.hakit.proxy.balance;

import io.hakit.core.HaException;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.Server;
import io.hakit.core.model.Setting;
import java.util.List;

/**
 * The backend-wide settings that shape balancing besides {@code balance} itself: {@code option
 * allbackups}, {@code hash-type}, {@code hash-balance-factor} and the servers' numeric ids
 * ({@code server ... id N}, by default their 1-based position), which order {@code first} and
 * seed the consistent-hash ring as HAProxy's do.
 *
 * @param allBackups use every backup server when no active one is up, not only the first
 * @param balanceFactor bounded-load factor in percent (0 = off, else above 100)
 * @param ids each server's id, by index
 */
record BalanceSettings(boolean allBackups, HashSpec hash, int balanceFactor, int[] ids) {

  /** Defaults for servers given without their backend: first backup only, no bound, ids by position. */
  static BalanceSettings defaults(BalanceSpec spec, int servers) {
    return new BalanceSettings(false, spec.hash(), 0, positions(servers));
  }

  static BalanceSettings of(Backend backend) {
    int factor = 0;
    for (Setting s : backend.extras()) {
      if (s.keyword().equals("hash-balance-factor") && !s.args().isEmpty()) {
        factor = parseFactor(s.args().get(0));
      }
    }
    List<Server> servers = backend.servers();
    int[] ids = positions(servers.size());
    for (int i = 0; i < servers.size(); i++) {
      for (Setting o : servers.get(i).options()) {
        if (o.keyword().equals("id") && !o.args().isEmpty()) {
          ids[i] = parseId(servers.get(i).name(), o.args().get(0));
        }
      }
    }
    return new BalanceSettings(backend.option("allbackups"), backend.balance().hash(), factor, ids);
  }

  private static int[] positions(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i + 1;
    }
    return ids;
  }

  private static int parseFactor(String text) {
    try {
      int f = Integer.parseInt(text);
      if (f != 0 && f <= 100) {
        throw new HaException("hash-balance-factor: " + text + " (expected: 0 to disable, or a percentage above 100)");
      }
      return f;
    } catch (NumberFormatException e) {
      throw new HaException("hash-balance-factor: '" + text + "' (expected: an integer, 0 or above 100)", e);
    }
  }

  private static int parseId(String server, String text) {
    try {
      int id = Integer.parseInt(text);
      if (id <= 0) {
        throw new HaException("server '" + server + "': id " + text + " (expected: a positive integer)");
      }
      return id;
    } catch (NumberFormatException e) {
      throw new HaException("server '" + server + "': id '" + text + "' (expected: a positive integer)", e);
    }
  }
}
