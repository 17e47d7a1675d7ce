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
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every instance of a {@link KeepalivedConfig}: their {@code vrrp_script}s (one shared pool of
 * two {@code vrrp-script} threads), interface tracking, notify scripts and sync groups (members
 * move together through {@link SyncGroup}; one member's fault is every member's), with
 * the transports and address manager given (the Linux ones for a real node).
 * {@link #stop(Duration)} stops every instance gracefully (priority 0, addresses removed).
 * {@link #runForeground} is {@code keepalived -n -f FILE}: it runs until SIGTERM or SIGINT, then
 * stops gracefully.
 *
 * <pre>{@code
 * KeepalivedRunner runner = KeepalivedRunner.create(KeepalivedConfigReader.read(path), transports, addresses);
 * runner.start().toCompletableFuture().join();
 * }</pre>
 */
public final class KeepalivedRunner implements Lifecycle {
  private static final Logger logger = LoggerFactory.getLogger(KeepalivedRunner.class);

  private final KeepalivedConfig config;
  private final List<VrrpInstance> instances;
  private final List<ScriptHealthSource> scripts;
  private final List<InterfaceHealthSource> interfaces;
  private final List<SyncGroupHealth> groups;
  private final ScheduledThreadPoolExecutor executor;
  private volatile LifecycleState state = LifecycleState.NEW;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private boolean stopping;

  private KeepalivedRunner(KeepalivedConfig config, List<VrrpInstance> instances, List<ScriptHealthSource> scripts,
      List<InterfaceHealthSource> interfaces, List<SyncGroupHealth> groups, ScheduledThreadPoolExecutor executor) {
    this.config = config;
    this.instances = List.copyOf(instances);
    this.scripts = List.copyOf(scripts);
    this.interfaces = List.copyOf(interfaces);
    this.groups = List.copyOf(groups);
    this.executor = executor;
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
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "vrrp-script");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
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
    for (SyncGroupSpec g : config.syncGroups()) {
      List<HealthSource> all = new ArrayList<>();
      g.members().forEach(m -> all.addAll(faultSources.getOrDefault(m, List.of())));
      SyncGroupHealth health = new SyncGroupHealth(g.name(), all);
      groups.add(health);
      g.members().forEach(m -> groupOf.put(m, health));
    }
    List<VrrpInstance> built = new ArrayList<>();
    for (VrrpInstanceSpec spec : config.instances()) {
      try {
        built.add(build(spec, config, scripts, interfaces, groupOf.get(spec.name()), transports, addresses,
            extraTracks, listeners));
      } catch (RuntimeException e) {
        executor.shutdownNow();
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
        groups, executor);
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
      @Nullable SyncGroupHealth group, VrrpTransportFactory transports, VirtualAddressManager addresses,
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
      b.listener(new NotifyRunner(spec.notifyScripts()));
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
    scripts.forEach(s -> s.start(executor));
    interfaces.forEach(i -> i.start(executor));
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
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (VrrpInstance i : instances) {
      stops.add(i.stop(grace).toCompletableFuture());
    }
    CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0])).whenComplete((ok, failure) -> {
      scripts.forEach(ScriptHealthSource::close);
      interfaces.forEach(InterfaceHealthSource::close);
      groups.forEach(SyncGroupHealth::close);
      executor.shutdownNow();
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

  /**
   * {@code keepalived -n -f FILE}: reads the file, prints its warnings and errors to {@code err},
   * runs every instance until the JVM is told to stop (SIGTERM, SIGINT), then stops gracefully.
   * Returns the exit status: 0 after a clean stop, 1 for an invalid configuration, 2 when it
   * cannot start.
   */
  public static int runForeground(Path file, VrrpTransportFactory transports, VirtualAddressManager addresses,
      PrintStream err, VrrpStateListener... listeners) {
    KeepalivedConfig config;
    try {
      config = KeepalivedConfigReader.read(file);
    } catch (KeepalivedConfigException e) {
      e.diagnostics().forEach(err::println);
      return 1;
    }
    config.warnings().forEach(err::println);
    KeepalivedRunner runner;
    try {
      runner = create(config, transports, addresses, listeners);
    } catch (VrrpException e) {
      err.println(e.getMessage());
      return 1;
    }
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      logger.info("stopping: sending priority 0 and removing virtual addresses");
      try {
        runner.stop(Duration.ofSeconds(5)).toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        logger.warn("graceful stop incomplete: {}", e.toString());
      } finally {
        done.countDown();
      }
    }, "vrrp-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      runner.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("cannot start: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      runner.stop(Duration.ZERO);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs anyway
      }
      return 2;
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
