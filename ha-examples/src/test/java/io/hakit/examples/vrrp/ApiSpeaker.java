package io.hakit.examples.vrrp;

import io.hakit.core.lifecycle.LifecycleState;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.VrrpInstanceBuilder;
import io.hakit.vrrp.linux.LinuxRawTransportFactory;
import io.hakit.vrrp.linux.NetlinkAddressManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HAKit through its API, on a thread inside the node's namespace: the {@link Conf} turned into a
 * {@link VrrpInstance} with the Linux raw transport and the netlink address manager.
 */
final class ApiSpeaker implements RunningSpeaker {
  private final NetnsThread thread;
  private final VrrpInstance instance;
  private volatile CompletableFuture<Void> stopped;

  private ApiSpeaker(NetnsThread thread, VrrpInstance instance) {
    this.thread = thread;
    this.instance = instance;
  }

  static ApiSpeaker start(Lan.Node node, Conf conf) throws Exception {
    VrrpInstanceBuilder b = VrrpInstance.builder().name("VI_51").vrid(Conf.VRID).priority(conf.priority())
        .interfaceName(Lan.NODE_IF).virtualAddress(Conf.VIP_CIDR).version(conf.version())
        .advertInterval(Duration.ofMillis((long) (Double.parseDouble(conf.advertInt()) * 1000)))
        .transportFactory(new LinuxRawTransportFactory()).addressManager(new NetlinkAddressManager());
    if (!conf.password().isEmpty()) {
      b.password(conf.password());
    }
    if (!conf.unicastSource().isEmpty()) {
      b.sourceAddress(conf.unicastSource());
      conf.unicastPeers().forEach(b::unicastPeer);
    }
    VrrpInstance instance = b.build();
    NetnsThread thread = new NetnsThread(node);
    try {
      thread.call(() -> instance.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
      return new ApiSpeaker(thread, instance);
    } catch (Exception | Error e) {
      thread.close();
      throw e;
    }
  }

  VrrpInstance instance() {
    return instance;
  }

  @Override
  public void crash() {
    stopped = instance.abandon().toCompletableFuture();
    awaitExit(10);
  }

  @Override
  public void terminate() {
    stopped = instance.stop(Duration.ofSeconds(5)).toCompletableFuture();
  }

  @Override
  public int awaitExit(long seconds) {
    try {
      stopped.get(seconds, TimeUnit.SECONDS);
      return 0;
    } catch (Exception e) {
      return -1;
    }
  }

  /** {@link #start} returns once the instance runs. */
  @Override
  public boolean isReady() {
    return instance.state() == LifecycleState.RUNNING;
  }

  @Override
  public boolean isAlive() {
    LifecycleState s = instance.state();
    return s != LifecycleState.STOPPED && s != LifecycleState.FAILED;
  }

  @Override
  public String log() {
    return "HAKit API " + instance + " " + instance.counters() + " (log in the test output)";
  }

  @Override
  public void close() {
    if (isAlive()) {
      crash();
    }
    thread.close();
  }
}
