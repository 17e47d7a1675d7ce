package io.hakit.proxy;

import io.hakit.core.HaException;
import io.hakit.core.health.Health;
import io.hakit.core.health.HealthSource;
import io.hakit.core.health.ManualHealthSource;
import io.hakit.core.internal.Preconditions;
import io.hakit.core.lifecycle.Lifecycle;
import io.hakit.core.lifecycle.LifecycleState;
import io.hakit.core.model.Backend;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.net.Endpoint;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.Connector;
import io.hakit.proxy.balance.BalancerRegistry;
import io.hakit.proxy.check.HealthChecks;
import io.hakit.proxy.http.HttpFrontend;
import io.hakit.proxy.http.StopRequest;
import io.hakit.proxy.log.AccessLog;
import io.hakit.proxy.stats.ProxyStats;
import io.hakit.proxy.stats.StatsCli;
import io.hakit.proxy.stats.StatsPage;
import io.hakit.proxy.stats.StatsSocket;
import io.hakit.proxy.stats.StatsSocketSpec;
import io.hakit.proxy.syslog.LogOutputs;
import io.hakit.proxy.syslog.TargetSpec;
import io.hakit.proxy.tcp.SpliceSettings;
import io.hakit.proxy.tcp.TcpFrontend;
import io.hakit.proxy.transport.DeadListenerGuard;
import io.hakit.proxy.transport.LeanRecvByteBufAllocator;
import io.hakit.proxy.transport.Transport;
import io.hakit.proxy.transport.TransportKind;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ProxyModel} the way HAProxy runs the haproxy.cfg it came from: every bind of every
 * frontend listens, HTTP frontends route requests by ACL to backends, TCP frontends relay bytes,
 * servers are health-checked.
 *
 * <pre>{@code
 * ProxyServer proxy = ProxyServer.builder(model).eventLoops(1).build();
 * proxy.start().toCompletableFuture().join();   // every bind listens
 * ...
 * proxy.stop(Duration.ofSeconds(5)).toCompletableFuture().join();
 * }</pre>
 *
 * <p>The global section's {@code stats socket} lines are served as HAProxy's runtime API
 * ({@code echo "show stat" | socat stdio /var/lib/haproxy/stats}, {@code disable server app/app1},
 * ...) and {@code stats enable} pages by their frontend; {@link #runtimeCommand} runs the same
 * commands in-process.
 *
 * <p>Threading: {@link #start} and {@link #stop} may be called from any thread; connections live on
 * the event loops (one per {@code nbthread}, default one per core), each client connection and its
 * server connection on the same loop.
 */
public final class ProxyServer implements Lifecycle {
  private static final Logger logger = LoggerFactory.getLogger(ProxyServer.class);

  /** Shared: the read-size state lives in each channel's (small) handle; 16 reads per event, Netty's default. */
  private static final LeanRecvByteBufAllocator SHARED_RECV_ALLOCATOR = new LeanRecvByteBufAllocator(16);

  private final ProxyModel model;
  private final int eventLoops;
  private final Transport transport;
  private final Map<String, BackendState> backends = new LinkedHashMap<>();
  private final List<Runnable> compiledFrontends = new ArrayList<>();
  private final ManualHealthSource listening = new ManualHealthSource("proxy listening", Health.down("not started"));
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger globalConnections = new AtomicInteger();
  private final List<Channel> listeners = new ArrayList<>();
  /** Open client connections, for a graceful stop (added and removed by the ConnectionLimiters). */
  private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
  private volatile LifecycleState state = LifecycleState.NEW;
  private EventLoopGroup group;
  private HealthChecks checks;
  /** The syslog/stdout outputs of the config's {@code log} lines; open from start() until stopped. */
  private LogOutputs logOutputs = LogOutputs.NONE;
  private CompletableFuture<Void> stopped;
  private final ProxyStats stats;
  private final List<StatsSocketSpec> statsSockets;
  /** nosplice / maxpipes of the global section; splicing needs epoll (TCP mode only). */
  private final SpliceSettings spliceSettings;
  /** The running TCP frontends (for tests: whether splicing was used). */
  private final Map<String, TcpFrontend> tcpFrontends = new ConcurrentHashMap<>();
  private final List<StatsSocket> openStatsSockets = new ArrayList<>();

  private ProxyServer(Builder b) {
    this.model = b.model;
    this.transport = Transport.resolve(b.transport);
    int threads = b.eventLoops > 0 ? b.eventLoops
        : model.global().nbthread() > 0 ? model.global().nbthread() : Runtime.getRuntime().availableProcessors();
    this.eventLoops = threads;
    BalancerRegistry registry = b.registry != null ? b.registry : BalancerRegistry.load();
    for (Backend be : model.backends()) {
      try {
        backends.put(be.name(), new BackendState(be, registry.factory(be.balance())));
      } catch (IllegalArgumentException e) {
        throw new HaException("backend '" + be.name() + "': " + e.getMessage(), e);
      } catch (HaException e) {
        throw new HaException("backend '" + be.name() + "': " + e.getMessage(), e);
      }
    }
    this.stats = new ProxyStats(model, backends.values(), eventLoops, globalConnections::get);
    List<StatsSocketSpec> specs = new ArrayList<>();
    for (StatsSocketSpec spec : StatsSocketSpec.of(model.global())) {
      specs.add(b.statsSocketDirectory != null && spec.unixPath() != null
          ? spec.withUnixPath(b.statsSocketDirectory.resolve(spec.unixPath().getFileName())) : spec);
    }
    this.statsSockets = List.copyOf(specs);
    this.spliceSettings = SpliceSettings.of(model.global(), transport.isEpoll());
  }

  public static Builder builder(ProxyModel model) {
    return new Builder(model);
  }

  /** Builds a {@link ProxyServer}; options are checked when set, the model when built. */
  public static final class Builder {
    private final ProxyModel model;
    private int eventLoops;
    private TransportKind transport = TransportKind.AUTO;
    private BalancerRegistry registry;
    private Path statsSocketDirectory;

    private Builder(ProxyModel model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** Event loops (HAProxy's nbthread); default: the model's nbthread, else one per core. */
    public Builder eventLoops(int eventLoops) {
      this.eventLoops = Preconditions.checkRange(eventLoops, 1, 4096, "eventLoops");
      return this;
    }

    public Builder transport(TransportKind transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The balancer registry; default: built-ins plus ServiceLoader. */
    public Builder balancers(BalancerRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Binds every Unix {@code stats socket} in this directory instead, under its own file name:
     * for running a production haproxy.cfg ({@code /var/lib/haproxy/stats}) on a laptop or in
     * tests. Without it, a socket that cannot be bound fails {@link ProxyServer#start}, as HAProxy
     * refuses to start.
     */
    public Builder statsSocketDirectory(Path directory) {
      this.statsSocketDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * @throws HaException when the model uses something this runtime cannot run (an unknown
     *     balance algorithm or ACL fetch, an unsupported rule), naming it
     */
    public ProxyServer build() {
      ProxyServer server = new ProxyServer(this);
      server.compileFrontends();
      return server;
    }
  }

  /** Compiles every frontend now, so that build() reports what cannot run. */
  private void compileFrontends() {
    checkLogTargets();
    for (Frontend f : model.frontends()) {
      if (!f.disabled()) {
        frontendHandlerFactory(f, new Connector(transport.socketChannel()), new AccessLog(f), false);
      }
    }
  }

  /** Decodes every {@code log} line now, so that build() names a bad one with its file:line. */
  private void checkLogTargets() {
    List<LogTarget> all = new ArrayList<>(model.global().logs());
    model.frontends().forEach(f -> all.addAll(f.log().targets()));
    model.backends().forEach(b -> all.addAll(b.log().targets()));
    for (LogTarget t : all) {
      if (!t.isGlobal()) {
        TargetSpec.of(t);
      }
    }
  }

  /** Compiles a frontend; {@code live} registers it with the stats (false for build()'s trial compile). */
  private Supplier<ChannelHandler> frontendHandlerFactory(Frontend f, Connector connector, AccessLog log,
      boolean live) {
    if (f.mode() == Mode.HTTP) {
      StatsPage page = f.stats().enabled() ? new StatsPage(f.stats(), stats) : null;
      HttpFrontend hf = new HttpFrontend(f, backends, connector, log, stopping::get, page);
      if (live) {
        stats.addFrontend(f, hf.counters());
      }
      return hf::newSession;
    }
    // HTTP mode never splices (only this TCP relay reads option splice-*).
    TcpFrontend tf = new TcpFrontend(f, backends, connector, log, spliceSettings);
    if (live) {
      stats.addFrontend(f, tf.counters());
      tcpFrontends.put(f.name(), tf);
    }
    return tf::newSession;
  }

  /** Directions of TCP connections switched to kernel splicing since start (tests). */
  long splicedDirections() {
    return tcpFrontends.values().stream().mapToLong(TcpFrontend::splicedDirections).sum();
  }

  /** Bytes of finished TCP connections that the kernel moved by splicing (tests). */
  long splicedBytes() {
    return tcpFrontends.values().stream().mapToLong(TcpFrontend::splicedBytes).sum();
  }

  public TransportKind transport() {
    return transport.kind();
  }

  public int eventLoops() {
    return eventLoops;
  }

  @Override
  public synchronized CompletionStage<Void> start() {
    Preconditions.checkState(state == LifecycleState.NEW, "start: proxy is " + state + " (expected: NEW)");
    state = LifecycleState.STARTING;
    try {
      logOutputs = LogOutputs.open(model.global());
      openStatsSockets();
    } catch (RuntimeException e) {
      state = LifecycleState.FAILED;
      logOutputs.close();
      return CompletableFuture.failedFuture(e);
    }
    group = transport.newGroup(eventLoops, "hakit-proxy");
    // Netty enables TCP_NODELAY on its sockets by default; nothing else is set per connection.
    Connector connector = new Connector(transport.socketChannel());
    List<PendingBind> binds = new ArrayList<>();
    for (Frontend f : model.frontends()) {
      if (f.disabled()) {
        continue;
      }
      ConnectionLimiter limiter = new ConnectionLimiter(f.maxconn(), model.global().maxconn(), globalConnections,
          clients);
      AccessLog log = new AccessLog(f, globalConnections::get, limiter::frontendConnections,
          logOutputs.targetsFor(f.log().targets()));
      Supplier<ChannelHandler> sessions = frontendHandlerFactory(f, connector, log, true);
      for (Bind bind : f.binds()) {
        for (InetSocketAddress address : addresses(bind)) {
          for (ChannelFuture cf : bind(address, bind, sessions, limiter)) {
            binds.add(new PendingBind(cf, f.name(), address));
          }
        }
      }
    }
    checks = new HealthChecks(backends.values(), group, transport, logOutputs);
    CompletableFuture<Void> started = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(binds.size());
    if (binds.isEmpty()) {
      onStarted(started);
    }
    for (PendingBind b : binds) {
      b.future().addListener(done -> {
        if (!done.isSuccess()) {
          failStart(started, b, done.cause());
        } else if (left.decrementAndGet() == 0) {
          onStarted(started);
        }
      });
    }
    return started;
  }

  private synchronized void onStarted(CompletableFuture<Void> started) {
    if (state != LifecycleState.STARTING) {
      return;
    }
    state = LifecycleState.RUNNING;
    checks.start();
    listening.set(Health.up("all binds listening"));
    logger.info("Proxy started: {} event loop(s) on {}, listening on {}", eventLoops, transport.kind(),
        boundAddresses());
    started.complete(null);
  }

  /** Binds the stats sockets before any listener, HAProxy's order: a failure stops the start. */
  private void openStatsSockets() {
    try {
      for (StatsSocketSpec spec : statsSockets) {
        openStatsSockets.add(StatsSocket.open(spec, stats));
      }
    } catch (HaException e) {
      closeStatsSockets();
      throw e;
    }
  }

  private void closeStatsSockets() {
    for (StatsSocket s : openStatsSockets) {
      s.close();
    }
    openStatsSockets.clear();
  }

  /**
   * Runs stats socket commands at admin level, as {@code echo "cmd; cmd" | socat stdio SOCKET}
   * would, and returns their output ({@code show stat}, {@code set server app/app1 state drain},
   * ...). Any thread.
   */
  public String runtimeCommand(String commandLine) {
    return StatsCli.run(stats, commandLine);
  }

  /** A listener being bound, with what an error message names. */
  private record PendingBind(ChannelFuture future, String frontend, InetSocketAddress address) {}

  private synchronized void failStart(CompletableFuture<Void> started, PendingBind b, Throwable cause) {
    if (state != LifecycleState.STARTING) {
      return;
    }
    state = LifecycleState.FAILED;
    closeStatsSockets();
    for (Channel l : listeners) {
      l.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    logOutputs.close();
    // HAProxy's wording: "Starting frontend main: cannot bind socket (Address already in use) [127.0.0.1:5000]".
    started.completeExceptionally(new HaException("Starting frontend " + b.frontend() + ": cannot bind socket ("
        + cause.getMessage() + ") [" + b.address().getHostString() + ":" + b.address().getPort() + "]", cause));
  }

  private List<ChannelFuture> bind(InetSocketAddress address, Bind bind, Supplier<ChannelHandler> sessions,
      ConnectionLimiter limiter) {
    List<ChannelFuture> out = new ArrayList<>();
    ChannelInitializer<SocketChannel> init = new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        limiter.admit(ch, sessions.get());
      }
    };
    List<EventLoopGroup> acceptors = new ArrayList<>();
    if (transport.isEpoll()) {
      for (var e : group) {
        acceptors.add((EventLoop) e);
      }
    } else {
      acceptors.add(group);
    }
    for (EventLoopGroup acceptor : acceptors) {
      // Accepted sockets get TCP_NODELAY from Netty's defaults (one setsockopt, not two).
      ServerBootstrap sb = new ServerBootstrap().group(acceptor, acceptor == group ? group : acceptor)
          .channel(transport.serverChannel())
          .option(ChannelOption.SO_BACKLOG, bind.backlog() > 0 ? bind.backlog() : 1024)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
          // Pooled direct buffers (Netty 4.2 defaults to its adaptive allocator).
          .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
          // One allocator for every client channel instead of one per connection, with a handle
          // a third the size of Netty's adaptive one (issue 4: memory per idle connection).
          .childOption(ChannelOption.RECVBUF_ALLOCATOR, SHARED_RECV_ALLOCATOR)
          .handler(DeadListenerGuard.INSTANCE)
          .childHandler(init);
      if (transport.isEpoll()) {
        sb.option(EpollChannelOption.SO_REUSEPORT, true);
        // IP_FREEBIND: a bind on a VRRP virtual address succeeds on the backup too, before the
        // address arrives, as net.ipv4.ip_nonlocal_bind=1 does for HAProxy on a keepalived pair.
        sb.option(EpollChannelOption.IP_FREEBIND, true);
      }
      ChannelFuture f = sb.bind(address);
      Channel ch = f.channel();
      // A listener that closes while the proxy runs (killed socket, dead accept) is not listening:
      // the HA node's VRRP tracking must hear it.
      f.addListener(bound -> {
        if (bound.isSuccess()) {
          ch.closeFuture().addListener(closed -> {
            if (!stopping.get()) {
              listening.set(Health.down("listener " + address + " closed"));
            }
          });
        }
      });
      synchronized (this) {
        listeners.add(ch);
      }
      limiter.addListener(ch);
      out.add(f);
    }
    return out;
  }

  private static List<InetSocketAddress> addresses(Bind bind) {
    Endpoint e = bind.address();
    if (e.family() == Endpoint.Family.UNIX) {
      throw new HaException("bind " + e + ": unix sockets are not supported yet at " + bind.origin());
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (int port = e.portLow(); port <= e.portHigh(); port++) {
      if (e.host().isEmpty()) {
        out.add(e.family() == Endpoint.Family.IPV4 ? new InetSocketAddress("0.0.0.0", port) : new InetSocketAddress(port));
      } else {
        out.add(new InetSocketAddress(e.host(), port));
      }
    }
    return out;
  }

  /** The addresses the listeners are bound to (one per bind address, whatever the loop count). */
  public synchronized List<InetSocketAddress> boundAddresses() {
    LinkedHashSet<InetSocketAddress> out = new LinkedHashSet<>();
    for (Channel l : listeners) {
      if (l.localAddress() instanceof InetSocketAddress a) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The health of a backend: DOWN when none of its servers is UP.
   *
   * @throws IllegalArgumentException for an unknown backend
   */
  public HealthSource backendHealth(String backendName) {
    BackendState b = backends.get(backendName);
    if (b == null) {
      throw new IllegalArgumentException("backend '" + backendName + "': no such backend (known: "
          + String.join(", ", backends.keySet()) + ")");
    }
    return b.health();
  }

  /** Requests waiting in a backend's queue now (for tests of the access log's queue counters). */
  int backendQueueLength(String backendName) {
    return backends.get(backendName).queueLength();
  }

  /** UP while every bind listens. */
  public HealthSource listeningHealth() {
    return listening;
  }

  /**
   * Changes a server's runtime weight (0-256), as HAProxy's {@code set weight}.
   *
   * @throws IllegalArgumentException for an unknown backend or server, or a weight out of range
   */
  public void setWeight(String backendName, String serverName, int weight) {
    BackendState b = backends.get(backendName);
    var s = b == null ? null : b.servers().stream().filter(x -> x.name().equals(serverName)).findFirst().orElse(null);
    if (s == null) {
      throw new IllegalArgumentException("server '" + backendName + "/" + serverName + "': no such server");
    }
    s.setWeight(weight);
  }

  @Override
  public LifecycleState state() {
    return state;
  }

  @Override
  public synchronized CompletionStage<Void> stop(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (stopped != null) {
      return stopped;
    }
    stopped = new CompletableFuture<>();
    if (state == LifecycleState.NEW || state == LifecycleState.FAILED) {
      state = LifecycleState.STOPPED;
      stopped.complete(null);
      return stopped;
    }
    state = LifecycleState.STOPPING;
    stopping.set(true);
    listening.set(Health.down("stopping"));
    closeStatsSockets();
    for (Channel l : listeners) {
      l.close();
    }
    checks.stop();
    for (Channel c : clients) {
      c.pipeline().fireUserEventTriggered(StopRequest.INSTANCE);
    }
    ScheduledExecutorService waiter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hakit-proxy-stop");
      t.setDaemon(true);
      return t;
    });
    long deadline = System.nanoTime() + grace.toNanos();
    waiter.scheduleWithFixedDelay(() -> {
      if (!clients.isEmpty() && System.nanoTime() < deadline) {
        return;
      }
      waiter.shutdown();
      closeAll(List.copyOf(clients)).whenComplete((c, e) -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(g -> {
        synchronized (this) {
          state = LifecycleState.STOPPED;
        }
        logOutputs.close();
        logger.info("Proxy stopped");
        stopped.complete(null);
      }));
    }, 0, 20, TimeUnit.MILLISECONDS);
    return stopped;
  }

  /** Closes every channel; completes once all are closed. */
  private static CompletableFuture<Void> closeAll(List<Channel> channels) {
    CompletableFuture<?>[] closing = new CompletableFuture<?>[channels.size()];
    for (int i = 0; i < closing.length; i++) {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      channels.get(i).close().addListener(f -> closed.complete(null));
      closing[i] = closed;
    }
    return CompletableFuture.allOf(closing);
  }
}
