package io.hakit.vrrp;

import io.hakit.core.lifecycle.Lifecycle;
import io.hakit.core.lifecycle.LifecycleState;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.VrrpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VRRP virtual router: elects a master among the routers of a link with the same VRID, holds
 * the virtual addresses while master, and interoperates with keepalived (v2 and v3, multicast or
 * unicast peers). Build with {@link #builder()}.
 *
 * <p>{@link #start()} opens the transport, removes virtual addresses a crashed run may have left,
 * and enters BACKUP (or MASTER at once for the address owner); the future completes then.
 * {@link #stop(Duration)} is graceful: a master sends a priority-0 advert (backups take over after
 * Skew_Time) and removes its addresses; the future completes when that is done and the threads have
 * ended. See the package documentation for the threads; they are daemon threads, so a running
 * instance does not keep the JVM alive by itself.
 *
 * <p>GC pauses and busy machines. A safepoint stops every Java thread, the advert thread included,
 * and a 100 ms VRRPv3 backup of priority 100 takes over after 361 ms of silence. Measured with
 * {@code AdvertJitterMain} (benchmarks; 2 shared cores, 1-2 GB/s allocated in a 1 GB heap), G1 and
 * Parallel stopped the JVM for up to 340-580 ms and ZGC stalled the advert thread on allocation
 * for up to 80 ms, which caused false failovers. Hence:
 * <ul>
 *   <li>With the Linux raw transport a master queues its next adverts in the kernel (io_uring,
 *       Linux 5.16+; {@link VrrpInstanceBuilder#pacedAdvertsAhead(int)}, 1 s ahead by default),
 *       which sends them on their deadlines whatever the JVM does; a pause up to 1 s plus the
 *       backups' Master_Down_Interval goes unnoticed, with any collector.
 *   <li>The kernel still needs the advert thread to get a CPU for a moment to issue each send, so on
 *       a saturated machine give it keepalived's {@code vrrp_rt_priority}
 *       ({@link VrrpInstanceBuilder#scheduling}, root or CAP_SYS_NICE): the adverts then leave
 *       within a fraction of a millisecond, and the backup's receive thread is as punctual.
 *   <li>A backup counts its down timer from each advert's arrival on the receive thread, and gives an
 *       advert still unread in its socket up to one more interval.
 *   <li>Without kernel timing (UDP transport, kernels before 5.16), pauses reach the wire: prefer
 *       ZGC (pauses under a millisecond; give it heap room so it does not stall allocations) for
 *       sub-second intervals, or keepalived's usual 1 s, where the margin is over 3 s.
 * </ul>
 */
public final class VrrpInstance implements Lifecycle {
  private static final Logger logger = LoggerFactory.getLogger(VrrpInstance.class);

  private final InstanceSettings settings;
  private final VrrpCounters counters = new VrrpCounters();
  private final Object lock = new Object();
  private volatile LifecycleState lifecycle = LifecycleState.NEW;
  private @Nullable InstanceScheduler scheduler;
  private @Nullable VrrpTransport transport;
  private @Nullable AddressWorker addresses;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private @Nullable CompletableFuture<Void> stopped;
  private volatile @Nullable SyncGroup group;

  VrrpInstance(InstanceSettings settings) {
    this.settings = settings;
  }

  public static VrrpInstanceBuilder builder() {
    return new VrrpInstanceBuilder();
  }

  public String name() {
    return settings.name();
  }

  public int vrid() {
    return settings.vrid();
  }

  public int version() {
    return settings.version();
  }

  /** The configured priority (1-255). */
  public int priority() {
    return settings.priority();
  }

  /** The priority the instance advertises now: configured plus tracked weights, 1-254 (owner 255). */
  public int effectivePriority() {
    InstanceScheduler s = scheduler;
    return s == null ? settings.priority() : s.effectivePriority();
  }

  /** The configured advert interval. */
  public Duration advertInterval() {
    return Duration.ofMillis(settings.advertIntervalCentis() * 10L);
  }

  /** The advertised virtual addresses. */
  public List<VirtualAddress> virtualAddresses() {
    return settings.addresses();
  }

  /** The addresses moved with mastership but not advertised ({@code virtual_ipaddress_excluded}). */
  public List<VirtualAddress> excludedAddresses() {
    return settings.excludedAddresses();
  }

  /** INIT before start and after stop; BACKUP, MASTER or FAULT while running. */
  public VrrpState vrrpState() {
    InstanceScheduler s = scheduler;
    return s == null ? VrrpState.INIT : s.state();
  }

  /** The source address of our adverts (known once started), else null. */
  public @Nullable InetAddress sourceAddress() {
    InstanceScheduler s = scheduler;
    return s == null ? settings.sourceAddress() : s.source();
  }

  public VrrpCounters counters() {
    return counters;
  }

  @Override
  public LifecycleState state() {
    return lifecycle;
  }

  @Override
  public CompletionStage<Void> start() {
    CompletableFuture<Void> started = new CompletableFuture<>();
    synchronized (lock) {
      if (lifecycle != LifecycleState.NEW) {
        throw new IllegalStateException("(" + name() + ") start in state " + lifecycle + " (expected: NEW)");
      }
      lifecycle = LifecycleState.STARTING;
      try {
        VrrpTransport t = settings.transportFactory().create(settings.transportSpec());
        transport = t;
        AddressWorker worker = new AddressWorker(settings, counters);
        addresses = worker;
        worker.removeLeftovers();
        InstanceScheduler s = new InstanceScheduler(settings, t, counters, worker, this, group);
        scheduler = s;
        for (TrackedSource tracked : settings.tracked()) {
          subscriptions.add(tracked.source().subscribe((source, health) -> s.trackingChanged()));
        }
        s.applyTracking(); // before the thread starts: it only becomes the owner with start()
        t.start(s);
        s.start(() -> {
          lifecycle = LifecycleState.RUNNING;
          started.complete(null);
        });
        logger.info("({}) started: VRRPv{} vrid {} priority {} on {} from {}{}", name(), settings.version(),
            settings.vrid(), settings.priority(), settings.interfaceName(), s.source().getHostAddress(),
            settings.unicastPeers().isEmpty() ? "" : " unicast to " + settings.unicastPeers());
      } catch (IOException | RuntimeException e) {
        lifecycle = LifecycleState.FAILED;
        releaseAfterFailedStart();
        started.completeExceptionally(new VrrpException("(" + name() + ") cannot start: " + e.getMessage(), e));
      }
    }
    return started;
  }

  private void releaseAfterFailedStart() {
    closeSubscriptions();
    VrrpTransport t = transport;
    if (t != null) {
      t.close();
    }
    AddressWorker w = addresses;
    if (w != null) {
      try {
        w.shutdown(Duration.ZERO);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    scheduler = null;
  }

  /**
   * Graceful stop: a master sends priority 0 and removes its addresses; {@code grace} bounds the
   * wait for address removal and listeners (at least 5 s).
   */
  @Override
  public CompletionStage<Void> stop(Duration grace) {
    return shutdown(grace, true);
  }

  /**
   * Stops like a crash would: no priority-0 advert, addresses left as they are (the way a killed
   * keepalived leaves them), transport closed at once. For tests and demos of a node failure.
   */
  public CompletionStage<Void> abandon() {
    return shutdown(Duration.ZERO, false);
  }

  private CompletionStage<Void> shutdown(Duration grace, boolean graceful) {
    synchronized (lock) {
      if (stopped != null) {
        return stopped;
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      stopped = done;
      InstanceScheduler s = scheduler;
      if (lifecycle == LifecycleState.NEW || lifecycle == LifecycleState.FAILED || s == null) {
        lifecycle = LifecycleState.STOPPED;
        done.complete(null);
        return done;
      }
      lifecycle = LifecycleState.STOPPING;
      VrrpTransport t = transport;
      AddressWorker w = addresses;
      if (!graceful && t != null) {
        t.close(); // a crash: nothing more goes out
      }
      s.stop(graceful);
      Thread finisher = new Thread(() -> finishStop(s, t, w, grace, done), "vrrp-" + name() + "-stop");
      finisher.setDaemon(true);
      finisher.start();
      return done;
    }
  }

  private void finishStop(InstanceScheduler s, @Nullable VrrpTransport t, @Nullable AddressWorker w, Duration grace,
      CompletableFuture<Void> done) {
    try {
      s.join(Math.max(5_000, grace.toMillis()));
      closeSubscriptions();
      if (t != null) {
        t.close();
      }
      if (w != null) {
        w.shutdown(grace);
      }
      lifecycle = LifecycleState.STOPPED;
      logger.info("({}) stopped: {}", name(), counters);
      done.complete(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lifecycle = LifecycleState.FAILED;
      done.completeExceptionally(e);
    } catch (RuntimeException e) {
      lifecycle = LifecycleState.FAILED;
      done.completeExceptionally(e);
    }
  }

  private void closeSubscriptions() {
    synchronized (subscriptions) {
      for (AutoCloseable c : subscriptions) {
        try {
          c.close();
        } catch (Exception e) {
          logger.debug("({}) unsubscribe failed: {}", name(), e.toString());
        }
      }
      subscriptions.clear();
    }
  }

  /** The sync group this instance belongs to, or null. */
  public @Nullable SyncGroup syncGroup() {
    return group;
  }

  void joinGroup(SyncGroup g) {
    synchronized (lock) {
      if (lifecycle != LifecycleState.NEW) {
        throw new IllegalStateException("(" + name() + ") joins sync group " + g.name() + " in state " + lifecycle
            + " (expected: NEW)");
      }
      if (group != null) {
        throw new IllegalArgumentException("(" + name() + ") is already in sync group " + group.name());
      }
      group = g;
    }
  }

  boolean wantsMaster() {
    InstanceScheduler s = scheduler;
    return s != null && s.wantsMaster();
  }

  void forceMaster(String reason) {
    InstanceScheduler s = scheduler;
    if (s != null) {
      s.forceMaster(reason);
    }
  }

  void forceBackup(String reason) {
    InstanceScheduler s = scheduler;
    if (s != null) {
      s.forceBackup(reason);
    }
  }

  @Override
  public String toString() {
    return "VrrpInstance(" + name() + " vrid " + vrid() + " " + vrrpState() + " prio " + effectivePriority() + ")";
  }
}
