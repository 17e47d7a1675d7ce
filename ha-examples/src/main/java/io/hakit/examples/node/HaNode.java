package io.hakit.examples.node;

import io.hakit.core.health.AllUpHealthSource;
import io.hakit.core.health.HealthSource;
import io.hakit.core.lifecycle.Lifecycle;
import io.hakit.core.lifecycle.LifecycleState;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.ProxyModel;
import io.hakit.proxy.ProxyServer;
import io.hakit.proxy.transport.TransportKind;
import io.hakit.vrrp.VrrpStateListener;
import io.hakit.vrrp.address.VirtualAddressManager;
import io.hakit.vrrp.config.KeepalivedConfig;
import io.hakit.vrrp.config.KeepalivedRunner;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One node of the seed's pair: the proxy of a haproxy.cfg and the VRRP instances of a
 * keepalived.conf in one process, the VRRP instances tracking the proxy the way keepalived's
 * classic {@code track_script chk_haproxy} tracks a haproxy process.
 *
 * <p>The tracked health ({@value #PROXY_HEALTH_NAME}) is DOWN when the proxy stops listening or
 * when every server of a frontend's {@code default_backend} is DOWN; it is tracked by every
 * instance with {@code proxyWeight} (keepalived's rules: 0 puts the instance in FAULT, which makes
 * a master hand over at once with a priority-0 advert; a negative weight lowers the priority).
 * The keepalived.conf's own {@code vrrp_script}s still run as scripts.
 *
 * <p>Start order: proxy first (listening on the VIP too, thanks to IP_FREEBIND, so that a takeover
 * needs no bind), then VRRP. Stop order: VRRP first (priority 0, VIP released to the peer), then
 * the proxy drains. Threading: start/stop from any thread; the proxy's event loops and the VRRP
 * instances' threads do the work.
 */
public final class HaNode implements Lifecycle {
  /** The name of the proxy health the VRRP instances track. */
  public static final String PROXY_HEALTH_NAME = "hakit_proxy";

  private final ProxyServer proxy;
  private final AllUpHealthSource proxyHealth;
  private final KeepalivedRunner vrrp;
  private volatile LifecycleState state = LifecycleState.NEW;

  private HaNode(ProxyServer proxy, AllUpHealthSource proxyHealth, KeepalivedRunner vrrp) {
    this.proxy = proxy;
    this.proxyHealth = proxyHealth;
    this.vrrp = vrrp;
  }

  /**
   * Builds (does not start) a node.
   *
   * @param proxyWeight keepalived weight of the proxy health, -253..253 (0 = FAULT while down)
   */
  public static HaNode create(ProxyModel model, KeepalivedConfig keepalived, int proxyWeight, TransportKind transport,
      VrrpTransportFactory vrrpTransports, VirtualAddressManager addresses, VrrpStateListener... listeners) {
    ProxyServer proxy = ProxyServer.builder(model).transport(transport).build();
    AllUpHealthSource health = new AllUpHealthSource(PROXY_HEALTH_NAME, healthSources(model, proxy));
    KeepalivedRunner vrrp = KeepalivedRunner.create(keepalived, vrrpTransports, addresses,
        List.of(new KeepalivedRunner.Tracked(health, proxyWeight)), listeners);
    return new HaNode(proxy, health, vrrp);
  }

  /** The proxy listening, and each default backend having a server UP. */
  static List<HealthSource> healthSources(ProxyModel model, ProxyServer proxy) {
    List<HealthSource> sources = new ArrayList<>();
    sources.add(proxy.listeningHealth());
    Set<String> defaults = new LinkedHashSet<>();
    for (Frontend f : model.frontends()) {
      if (!f.disabled() && f.defaultBackend() != null && !f.defaultBackend().contains("%[")) {
        defaults.add(f.defaultBackend());
      }
    }
    for (String backend : defaults) {
      sources.add(proxy.backendHealth(backend));
    }
    return sources;
  }

  public ProxyServer proxy() {
    return proxy;
  }

  public KeepalivedRunner vrrp() {
    return vrrp;
  }

  /** What the VRRP instances track. */
  public HealthSource proxyHealth() {
    return proxyHealth;
  }

  @Override
  public synchronized CompletionStage<Void> start() {
    if (state != LifecycleState.NEW) {
      throw new IllegalStateException("node already started (state " + state + ")");
    }
    state = LifecycleState.STARTING;
    return proxy.start()
        .thenCompose(v -> vrrp.start())
        .whenComplete((v, e) -> state = e == null ? LifecycleState.RUNNING : LifecycleState.FAILED);
  }

  @Override
  public CompletionStage<Void> stop(Duration grace) {
    state = LifecycleState.STOPPING;
    CompletableFuture<Void> done = new CompletableFuture<>();
    vrrp.stop(grace)
        .handle((v, e) -> null)
        .thenCompose(v -> proxy.stop(grace))
        .whenComplete((v, e) -> {
          proxyHealth.close();
          state = e == null ? LifecycleState.STOPPED : LifecycleState.FAILED;
          if (e == null) {
            done.complete(null);
          } else {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  @Override
  public LifecycleState state() {
    return state;
  }
}
