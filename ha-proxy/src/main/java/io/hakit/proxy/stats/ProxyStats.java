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
   * Proxies in HAProxy's order and numbering: frontends as the model lists them, then backends;
   * a frontend and a backend with one name (a {@code listen}) share an id. HAProxy numbers from 2
   * when a stats socket exists (its CLI proxy takes 1); HAKit always starts at 2.
   */
  List<Proxy> proxies() {
    Map<String, Proxy> out = new LinkedHashMap<>();
    int id = 2;
    for (FrontendStats f : frontends) {
      String name = f.model().name();
      out.put(name, new Proxy(name, id++, f, backends.get(name)));
    }
    for (BackendState b : backends.values()) {
      if (!out.containsKey(b.name())) {
        out.put(b.name(), new Proxy(b.name(), id++, null, b));
      }
    }
    return new ArrayList<>(out.values());
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
