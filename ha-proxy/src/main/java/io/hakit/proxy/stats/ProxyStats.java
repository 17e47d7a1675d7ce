package io.hakit.proxy.stats;

import io.hakit.core.model.Frontend;
import io.hakit.core.model.ProxyModel;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.backend.TrafficCounters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the stats socket and page read and change: the running frontends with their counters, the
 * backends with their servers, and process facts for {@code show info}. The proxy registers each
 * frontend as it starts it; readers on any thread see a consistent list.
 */
public final class ProxyStats {
  /** A running frontend and its counters. */
  public record FrontendStats(Frontend model, TrafficCounters counters) {}

  /** A proxy as HAProxy numbers it ({@code iid}): a frontend, a backend, or both for a {@code listen}. */
  record Proxy(String name, int id, @Nullable FrontendStats frontend, @Nullable BackendState backend) {}

  private final ProxyModel model;
  private final Map<String, BackendState> backends = new LinkedHashMap<>();
  private final List<FrontendStats> frontends = new CopyOnWriteArrayList<>();
  private final long startMillis = System.currentTimeMillis();
  private final int eventLoops;
  private final IntSupplier currentConnections;

  /**
   * @param currentConnections the process's open client connections ({@code CurrConns})
   */
  public ProxyStats(ProxyModel model, Collection<BackendState> backends, int eventLoops,
      IntSupplier currentConnections) {
    this.model = model;
    for (BackendState b : backends) {
      this.backends.put(b.name(), b);
    }
    this.eventLoops = eventLoops;
    this.currentConnections = currentConnections;
  }

  /** Registers a started frontend (called by the proxy before it accepts connections). */
  public void addFrontend(Frontend frontend, TrafficCounters counters) {
    frontends.add(new FrontendStats(frontend, counters));
  }

  ProxyModel model() {
    return model;
  }

  long startMillis() {
    return startMillis;
  }

  int eventLoops() {
    return eventLoops;
  }

  int currentConnections() {
    return currentConnections.getAsInt();
  }

  Collection<BackendState> backends() {
    return backends.values();
  }

  List<FrontendStats> frontends() {
    return frontends;
  }

  @Nullable BackendState backend(String name) {
    return backends.get(name);
  }

  /**
   * Proxies in HAProxy's order and numbering: the order of their sections in the file (model
   * order, frontends first, when the model was built without origins); a frontend and a backend
   * with one name (a {@code listen}) are one proxy. HAProxy numbers from 2 when a stats socket
   * exists (its CLI proxy takes 1); HAKit always starts at 2.
   */
  List<Proxy> proxies() {
    Map<String, int[]> lines = new LinkedHashMap<>();
    Map<String, FrontendStats> fes = new LinkedHashMap<>();
    for (FrontendStats f : frontends) {
      fes.put(f.model().name(), f);
      lines.put(f.model().name(), new int[] {f.model().origin().line()});
    }
    for (BackendState b : backends.values()) {
      lines.putIfAbsent(b.name(), new int[] {b.model().origin().line()});
    }
    List<String> names = new ArrayList<>(lines.keySet());
    boolean known = lines.values().stream().allMatch(l -> l[0] > 0);
    if (known) {
      names.sort(java.util.Comparator.comparingInt(n -> lines.get(n)[0]));
    }
    List<Proxy> out = new ArrayList<>();
    int id = 2;
    for (String name : names) {
      out.add(new Proxy(name, id++, fes.get(name), backends.get(name)));
    }
    return out;
  }

  /** The backend's id ({@code iid}, {@code be_id}). */
  int idOf(BackendState b) {
    for (Proxy p : proxies()) {
      if (p.backend() == b) {
        return p.id();
      }
    }
    return 0;
  }

  /** The server's id in its backend ({@code sid}), 1-based as HAProxy's. */
  static int idOf(ServerState s) {
    return s.index() + 1;
  }
}
