package io.hakit.vrrp.config;

import io.hakit.core.health.HealthSource;
import io.hakit.core.lifecycle.Lifecycle;
import io.hakit.core.lifecycle.LifecycleState;
import io.hakit.vrrp.VrrpException;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.SyncGroup;
import io.hakit.vrrp.VrrpInstanceBuilder;
import io.hakit.vrrp.VrrpStateListener;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.address.VirtualAddressManager;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every instance of a {@link KeepalivedConfig}: their {@code vrrp_script}s, interface
 * tracking, notify scripts and sync groups (members move together through {@link SyncGroup}; one
 * member's fault is every member's; the group's own notify scripts run on its state changes), with
 * the transports and address manager given (the Linux ones for a real node).
 * {@link #stop(Duration)} stops every instance gracefully (priority 0, addresses removed). The
 * {@code hakit vrrp -f} command runs it in the foreground until SIGTERM, like {@code keepalived -n}.
 *
 * <p>Threads: scripts run on {@code vrrp-script-N} threads of their own (one per script, at most
 * {@value #MAX_SCRIPT_THREADS}), so that hung scripts cannot delay interface polling, which has
 * its own {@code vrrp-link-1} thread; notify scripts start on one {@code vrrp-notify} thread
 * ({@link NotifyLauncher}), never on an instance's threads.
 *
 * <pre>{@code
 * KeepalivedRunner runner = KeepalivedRunner.create(KeepalivedConfigReader.read(path), transports, addresses);
 * runner.start().toCompletableFuture().join();
 * }</pre>
 */
public final class KeepalivedRunner implements Lifecycle {
  private static final Logger logger = LoggerFactory.getLogger(KeepalivedRunner.class);
  /** Scripts that may hang at once without delaying the others' runs. */
  static final int MAX_SCRIPT_THREADS = 8;

  private final KeepalivedConfig config;
  private final List<VrrpInstance> instances;
  private final List<ScriptHealthSource> scripts;
  private final List<InterfaceHealthSource> interfaces;
  private final List<SyncGroupHealth> groups;
  private final ScheduledThreadPoolExecutor scriptExecutor;
  private final ScheduledThreadPoolExecutor linkExecutor;
  private final NotifyLauncher notifyLauncher;
  private volatile LifecycleState state = LifecycleState.NEW;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private boolean stopping;

  private KeepalivedRunner(KeepalivedConfig config, List<VrrpInstance> instances, List<ScriptHealthSource> scripts,
      List<InterfaceHealthSource> interfaces, List<SyncGroupHealth> groups, NotifyLauncher notifyLauncher) {
    this.config = config;
    this.instances = List.copyOf(instances);
    this.scripts = List.copyOf(scripts);
    this.interfaces = List.copyOf(interfaces);
    this.groups = List.copyOf(groups);
    this.notifyLauncher = notifyLauncher;
    this.scriptExecutor = daemonScheduler("vrrp-script-", Math.max(1, Math.min(MAX_SCRIPT_THREADS, scripts.size())));
    this.linkExecutor = daemonScheduler("vrrp-link-", 1);
  }

  private static ScheduledThreadPoolExecutor daemonScheduler(String prefix, int threads) {
    AtomicInteger count = new AtomicInteger();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Builds (does not start) every instance of the configuration.
   *
   * @param listeners extra state listeners added to every instance (e.g. a CLI printing transitions)
   * @throws VrrpException naming the instance's file:line when an instance cannot be built
   */
  public static KeepalivedRunner create(KeepalivedConfig config, VrrpTransportFactory transports,
      VirtualAddressManager addresses, VrrpStateListener... listeners) {
    return create(config, transports, addresses, List.of(), listeners);
  }

  /**
   * A health source every instance of the configuration tracks in addition to its own
   * {@code track_script}/{@code track_interface} lines, with keepalived's weight rules (0 = FAULT
   * while down, negative = subtracted while down, positive = added while up). How an embedding
   * application makes its VIP follow its own health (the HA node tracks its in-process proxy).
   */
  public record Tracked(HealthSource source, int weight) {
    public Tracked {
      java.util.Objects.requireNonNull(source, "source");
      if (weight < -253 || weight > 253) {
        throw new IllegalArgumentException("weight: " + weight + " (expected: -253..253)");
      }
    }
  }

  /**
   * Builds every instance of the configuration, each also tracking {@code extraTracks}.
   *
   * @see #create(KeepalivedConfig, VrrpTransportFactory, VirtualAddressManager, VrrpStateListener...)
   */
  public static KeepalivedRunner create(KeepalivedConfig config, VrrpTransportFactory transports,
      VirtualAddressManager addresses, List<Tracked> extraTracks, VrrpStateListener... listeners) {
    NotifyLauncher notifyLauncher = new NotifyLauncher();
    Map<String, ScriptHealthSource> scripts = new LinkedHashMap<>();
    config.scripts().forEach((name, spec) -> scripts.put(name, new ScriptHealthSource(spec)));
    Map<String, InterfaceHealthSource> interfaces = new LinkedHashMap<>();
    // Each instance's own fault sources, for its sync group.
    Map<String, List<HealthSource>> faultSources = new HashMap<>();
    for (VrrpInstanceSpec spec : config.instances()) {
      List<HealthSource> own = new ArrayList<>();
      for (TrackRef t : spec.trackScripts()) {
        if (weight(t, config) == 0) {
          own.add(scripts.get(t.name()));
        }
      }
      for (TrackRef t : spec.trackInterfaces()) {
        if (t.weight() == null || t.weight() == 0) {
          own.add(interfaces.computeIfAbsent(t.name(), InterfaceHealthSource::new));
        }
      }
      if (spec.trackPrimaryInterface()) {
        own.add(interfaces.computeIfAbsent(spec.interfaceName(), InterfaceHealthSource::new));
      }
      faultSources.put(spec.name(), own);
    }
    List<SyncGroupHealth> groups = new ArrayList<>();
    Map<String, SyncGroupHealth> groupOf = new HashMap<>();
    Map<String, SyncGroupNotifier> notifierOf = new HashMap<>();
    for (SyncGroupSpec g : config.syncGroups()) {
      List<HealthSource> all = new ArrayList<>();
      g.members().forEach(m -> all.addAll(faultSources.getOrDefault(m, List.of())));
      SyncGroupHealth health = new SyncGroupHealth(g.name(), all);
      groups.add(health);
      g.members().forEach(m -> groupOf.put(m, health));
      if (!g.notifyScripts().isEmpty()) {
        SyncGroupNotifier notifier = new SyncGroupNotifier(g.name(), g.members(), g.notifyScripts(), notifyLauncher);
        g.members().forEach(m -> notifierOf.put(m, notifier));
      }
    }
    List<VrrpInstance> built = new ArrayList<>();
    for (VrrpInstanceSpec spec : config.instances()) {
      try {
        built.add(build(spec, config, scripts, interfaces, groupOf.get(spec.name()), notifyLauncher,
            notifierOf.get(spec.name()), transports, addresses, extraTracks, listeners));
      } catch (RuntimeException e) {
        notifyLauncher.close();
        throw new VrrpException(spec.origin() + ": vrrp_instance " + spec.name() + ": " + e.getMessage(), e);
      }
    }
    for (SyncGroupSpec g : config.syncGroups()) {
      List<VrrpInstance> members = new ArrayList<>();
      for (VrrpInstance i : built) {
        if (g.members().contains(i.name())) {
          members.add(i);
        }
      }
      if (members.size() >= 2) {
        SyncGroup.of(g.name(), members);
      }
    }
    return new KeepalivedRunner(config, built, new ArrayList<>(scripts.values()), new ArrayList<>(interfaces.values()),
        groups, notifyLauncher);
  }

  private static int weight(TrackRef t, KeepalivedConfig config) {
    if (t.weight() != null) {
      return t.weight();
    }
    VrrpScriptSpec s = config.scripts().get(t.name());
    return s == null ? 0 : s.weight();
  }

  private static VrrpInstance build(VrrpInstanceSpec spec, KeepalivedConfig config,
      Map<String, ScriptHealthSource> scripts, Map<String, InterfaceHealthSource> interfaces,
      @Nullable SyncGroupHealth group, NotifyLauncher notifyLauncher, @Nullable SyncGroupNotifier groupNotifier,
      VrrpTransportFactory transports, VirtualAddressManager addresses,
      List<Tracked> extraTracks, VrrpStateListener[] listeners) {
    VrrpInstanceBuilder b = VrrpInstance.builder().name(spec.name()).vrid(spec.vrid()).priority(spec.priority())
        .interfaceName(spec.interfaceName()).version(spec.version()).advertInterval(spec.advertInterval())
        .preempt(spec.preempt()).preemptDelay(spec.preemptDelay()).garp(spec.garp())
        .transportFactory(transports).addressManager(addresses).scheduling(config.scheduling());
    if (spec.state() != null) {
      b.initialState(spec.state());
    }
    for (VirtualAddress a : spec.virtualAddresses()) {
      b.virtualAddress(a);
    }
    for (VirtualAddress a : spec.excludedAddresses()) {
      b.excludedAddress(a);
    }
    for (InetAddress peer : spec.unicastPeers()) {
      b.unicastPeer(peer);
    }
    if (spec.sourceAddress() != null) {
      b.sourceAddress(spec.sourceAddress());
    }
    if (spec.password() != null) {
      b.password(spec.password());
    }
    for (TrackRef t : spec.trackScripts()) {
      b.track(scripts.get(t.name()), weight(t, config));
    }
    for (TrackRef t : spec.trackInterfaces()) {
      b.track(interfaces.computeIfAbsent(t.name(), InterfaceHealthSource::new), t.weight() == null ? 0 : t.weight());
    }
    if (spec.trackPrimaryInterface()) {
      b.track(interfaces.computeIfAbsent(spec.interfaceName(), InterfaceHealthSource::new), 0);
    }
    if (group != null) {
      b.track(group, 0);
    }
    for (Tracked t : extraTracks) {
      b.track(t.source(), t.weight());
    }
    if (!spec.notifyScripts().isEmpty()) {
      b.listener(new NotifyRunner(spec.notifyScripts(), notifyLauncher));
    }
    if (groupNotifier != null) {
      b.listener(groupNotifier); // after the member's own scripts, as keepalived orders them
    }
    for (VrrpStateListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  public KeepalivedConfig config() {
    return config;
  }

  public List<VrrpInstance> instances() {
    return instances;
  }

  /** Starts scripts, interface polling, then every instance; completes when all instances run. */
  @Override
  public synchronized CompletionStage<Void> start() {
    if (state != LifecycleState.NEW) {
      throw new IllegalStateException("KeepalivedRunner start in state " + state + " (expected: NEW)");
    }
    state = LifecycleState.STARTING;
    scripts.forEach(s -> s.start(scriptExecutor));
    interfaces.forEach(i -> i.start(linkExecutor));
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (VrrpInstance i : instances) {
      starts.add(i.start().toCompletableFuture());
    }
    return CompletableFuture.allOf(starts.toArray(new CompletableFuture<?>[0])).whenComplete((ok, failure) -> {
      state = failure == null ? LifecycleState.RUNNING : LifecycleState.FAILED;
    });
  }

  /** Stops every instance gracefully (priority 0, addresses removed), then the scripts. */
  @Override
  public synchronized CompletionStage<Void> stop(Duration grace) {
    if (stopping) {
      return stopped;
    }
    stopping = true;
    state = LifecycleState.STOPPING;
    logger.info("stopping {} instance(s): priority 0, virtual addresses removed", instances.size());
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (VrrpInstance i : instances) {
      stops.add(i.stop(grace).toCompletableFuture());
    }
    CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0])).whenComplete((ok, failure) -> {
      scripts.forEach(ScriptHealthSource::close);
      interfaces.forEach(InterfaceHealthSource::close);
      groups.forEach(SyncGroupHealth::close);
      scriptExecutor.shutdownNow();
      linkExecutor.shutdownNow();
      notifyLauncher.close(); // the STOP scripts already queued still start
      state = failure == null ? LifecycleState.STOPPED : LifecycleState.FAILED;
      if (failure == null) {
        stopped.complete(null);
      } else {
        stopped.completeExceptionally(failure);
      }
    });
    return stopped;
  }

  @Override
  public LifecycleState state() {
    return state;
  }

  /** The interface sources polled (track_interface and the instances' own), for tests. */
  List<InterfaceHealthSource> interfaceSources() {
    return interfaces;
  }
}
