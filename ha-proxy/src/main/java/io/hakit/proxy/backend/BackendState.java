package io.hakit.proxy.backend;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.LoadBalancerFactory;
import io.hakit.core.health.Health;
import io.hakit.core.health.HealthSource;
import io.hakit.core.health.ManualHealthSource;
import io.hakit.core.model.Backend;
import io.hakit.core.model.TimeoutKind;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A backend at run time: its servers' live state, its balancer (one per event loop when the
 * algorithm asks for that, created lazily on the loop that first picks), its maxconn queue and
 * the {@link HealthSource} others track (DOWN when no server is UP).
 */
public final class BackendState {
  private final Backend model;
  private final List<ServerState> servers;
  private final LoadBalancerFactory factory;
  private final @Nullable LoadBalancer shared;
  private final FastThreadLocal<LoadBalancer> perLoop;
  private final List<LoopBalancer> loopBalancers = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<QueuedRequest> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  /** For the access log: transactions using this backend (%bc) and requests that left its queue (%bq). */
  private final AtomicInteger transactions = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong dequeued = new java.util.concurrent.atomic.AtomicLong();
  private final ManualHealthSource health;
  private final TrafficCounters counters = new TrafficCounters();
  private volatile long lastChangeMillis = System.currentTimeMillis();
  private final AtomicInteger downTransitions = new AtomicInteger();
  private volatile long downSinceMillis = System.currentTimeMillis();
  private final java.util.concurrent.atomic.AtomicLong downtimeMillis = new java.util.concurrent.atomic.AtomicLong();

  /** {@code timeout connect} in ms, 0 = infinite. */
  public final int connectMillis;
  /** {@code timeout server}, {@code timeout queue} (default: connect), {@code timeout tunnel} (default: server), ns; 0 = infinite. */
  public final long serverNanos;
  public final long queueNanos;
  public final long tunnelNanos;
  /** {@code retry-on}, compiled. */
  public final RetryPolicy retryPolicy;
  /** {@code http-reuse}, compiled. */
  public final ReuseMode reuseMode;

  private record LoopBalancer(EventLoop loop, LoadBalancer balancer) {}

  public BackendState(Backend model, LoadBalancerFactory factory) {
    this.model = model;
    this.factory = factory;
    List<ServerState> list = new ArrayList<>();
    for (int i = 0; i < model.servers().size(); i++) {
      list.add(new ServerState(i, model.servers().get(i), this));
    }
    this.servers = List.copyOf(list);
    // Created once now in every case, so that a bad balance setting fails when the proxy is built.
    LoadBalancer first = factory.create(servers, model);
    this.shared = factory.perEventLoop() ? null : first;
    this.perLoop = new FastThreadLocal<>() {
      @Override
      protected LoadBalancer initialValue() {
        return factory.create(servers, model);
      }
    };
    this.connectMillis = (int) Math.min(Integer.MAX_VALUE,
        model.timeouts().get(TimeoutKind.CONNECT).map(java.time.Duration::toMillis).orElse(0L));
    this.serverNanos = nanos(model, TimeoutKind.SERVER);
    long queue = nanos(model, TimeoutKind.QUEUE);
    this.queueNanos = queue > 0 ? queue : connectMillis * 1_000_000L;
    long tunnel = nanos(model, TimeoutKind.TUNNEL);
    this.tunnelNanos = tunnel > 0 ? tunnel : serverNanos;
    this.retryPolicy = RetryPolicy.of(model.retryOn());
    this.reuseMode = ReuseMode.of(model.httpReuse());
    this.health = new ManualHealthSource("backend " + model.name(), computeHealth());
  }

  private static long nanos(Backend model, TimeoutKind kind) {
    return model.timeouts().get(kind).map(java.time.Duration::toNanos).orElse(0L);
  }

  public String name() {
    return model.name();
  }

  public Backend model() {
    return model;
  }

  public List<ServerState> servers() {
    return servers;
  }

  public HealthSource health() {
    return health;
  }

  /** Picks a server on the calling event loop; null when none is up or all are full. */
  public @Nullable ServerState pick(EventLoop loop, BalanceRequest request) {
    return (ServerState) balancer(loop).pick(request);
  }

  private LoadBalancer balancer(EventLoop loop) {
    if (shared != null) {
      return shared;
    }
    if (!perLoop.isSet()) {
      loopBalancers.add(new LoopBalancer(loop, perLoop.get()));
    }
    return perLoop.get();
  }

  /** True when at least one server is up (the request should queue rather than fail). */
  public boolean anyServerUp() {
    for (ServerState s : servers) {
      if (s.isUp()) {
        return true;
      }
    }
    return false;
  }

  public int activeServersUp() {
    int n = 0;
    for (ServerState s : servers) {
      if (s.isUp() && !s.isBackup()) {
        n++;
      }
    }
    return n;
  }

  public int backupServersUp() {
    int n = 0;
    for (ServerState s : servers) {
      if (s.isUp() && s.isBackup()) {
        n++;
      }
    }
    return n;
  }

  public void enqueue(QueuedRequest request) {
    queued.incrementAndGet();
    queue.addLast(request);
  }

  /** Removes a request that gave up (timeout queue, client gone); true when it was still queued. */
  public boolean dequeue(QueuedRequest request) {
    if (queue.remove(request)) {
      queued.decrementAndGet();
      return true;
    }
    return false;
  }

  public int queueLength() {
    return queued.get();
  }

  void onSlotFreed() {
    QueuedRequest next = queue.pollFirst();
    if (next != null) {
      queued.decrementAndGet();
      dequeued.incrementAndGet();
      next.eventLoop().execute(next::onSlotMaybeFree);
    }
  }

  void onServerStateChanged(ServerState server) {
    if (shared != null) {
      shared.onServerStateChanged(server);
    }
    for (LoopBalancer lb : loopBalancers) {
      lb.loop().execute(() -> lb.balancer().onServerStateChanged(server));
    }
    boolean wasUp = health.current().isUp();
    health.set(computeHealth());
    if (wasUp != health.current().isUp()) {
      long now = System.currentTimeMillis();
      lastChangeMillis = now;
      if (wasUp) {
        downTransitions.incrementAndGet();
        downSinceMillis = now;
      } else {
        downtimeMillis.addAndGet(now - downSinceMillis);
      }
    }
    if (server.isUp()) {
      onSlotFreed();
    }
  }

  void onWeightChanged(ServerState server) {
    if (shared != null) {
      shared.onWeightChanged(server);
    }
    for (LoopBalancer lb : loopBalancers) {
      lb.loop().execute(() -> lb.balancer().onWeightChanged(server));
    }
  }

  private Health computeHealth() {
    return anyServerUp() ? Health.up("backend " + model.name() + " has a server up")
        : Health.down("backend " + model.name() + " has no server available");
  }

  /** Requests, statuses, bytes of this backend, for show stat. */
  public TrafficCounters counters() {
    return counters;
  }

  /** When the backend last went UP or DOWN, ms since the epoch. */
  public long lastChangeMillis() {
    return lastChangeMillis;
  }

  /** UP to DOWN transitions of the whole backend ({@code chkdown} of the BACKEND row). */
  public int downTransitions() {
    return downTransitions.get();
  }

  /** Time the backend spent DOWN so far, ms. */
  public long downtimeMillis() {
    long d = downtimeMillis.get();
    return health.current().isUp() ? d : d + System.currentTimeMillis() - downSinceMillis;
  }

  public LoadBalancerFactory factory() {
    return factory;
  }

  /** %bc: transactions currently handled by this backend. Any thread. */
  public int transactions() {
    return transactions.get();
  }

  public void transactionStarted() {
    transactions.incrementAndGet();
  }

  public void transactionEnded() {
    transactions.decrementAndGet();
  }

  /** Requests that have left the queue for a server so far (a queued request's %bq is the difference). */
  public long dequeuedCount() {
    return dequeued.get();
  }
}
