package io.hakit.examples.demo;

import io.hakit.core.model.ProxyModel;
import io.hakit.proxy.ProxyServer;
import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.UdpTransportFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HAKit node of the demo pair: a VRRP instance (v3 over UDP on loopback, unicast to the peer)
 * whose virtual address is "added" by starting the node's proxy on VIP:port and "removed" by
 * stopping it, since a loopback address cannot move between hosts. Threading: the VRRP instance's
 * address thread runs the proxy start/stop; the demo thread calls start/crash/stop.
 */
final class DemoNode {
  /** How long a new master waits for the old one to release VIP:port before giving up. */
  private static final Duration BIND_PATIENCE = Duration.ofSeconds(3);

  private final String name;
  private final ProxyModel model;
  private final Timeline timeline;
  private final VrrpInstance vrrp;
  private final Object lock = new Object();
  private VrrpState state = VrrpState.INIT;
  private ProxyServer proxy;

  DemoNode(String name, InetAddress self, InetAddress peer, int priority, ProxyModel model, DemoOptions options,
      Timeline timeline) {
    this.name = name;
    this.model = model;
    this.timeline = timeline;
    this.vrrp = VrrpInstance.builder()
        .name(name + "/VI_1")
        .vrid(51)
        .priority(priority)
        .interfaceName("lo")
        .virtualAddress(options.vip() + "/32")
        .version(3)
        .advertInterval(options.advertInterval())
        .unicastPeer(peer)
        .sourceAddress(self)
        .transportFactory(new UdpTransportFactory(options.vrrpPort()))
        .addressManager(CallbackAddressManager.builder().onAdd(this::serveVip).onRemove(this::releaseVip).build())
        .listener(this::onStateChange)
        .build();
  }

  String name() {
    return name;
  }

  void start() throws ExecutionException, InterruptedException {
    vrrp.start().toCompletableFuture().get();
  }

  /** A power loss: no goodbye advert, the proxy's sockets vanish. */
  void crash() throws ExecutionException, InterruptedException {
    vrrp.abandon().toCompletableFuture().get();
    ProxyServer p;
    synchronized (lock) {
      p = proxy;
      proxy = null;
      state = VrrpState.INIT;
      lock.notifyAll();
    }
    if (p != null) {
      p.stop(Duration.ZERO).toCompletableFuture().get();
    }
  }

  /** A clean stop: priority-0 advert, VIP released. */
  void stop() throws ExecutionException, InterruptedException {
    vrrp.stop(Duration.ofSeconds(2)).toCompletableFuture().get();
  }

  VrrpState state() {
    synchronized (lock) {
      return state;
    }
  }

  /** Waits until the node is in {@code wanted}; false at the deadline. */
  boolean awaitState(VrrpState wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (state != wanted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  private void onStateChange(StateChange change) {
    timeline.say("%s: %s -> %s (%s, priority %d)", name, change.from(), change.to(), change.reason(), change.priority());
    synchronized (lock) {
      state = change.to();
      lock.notifyAll();
    }
  }

  private void serveVip(VirtualAddress vip) throws IOException {
    ProxyModel m = model;
    long deadline = System.nanoTime() + BIND_PATIENCE.toNanos();
    while (true) {
      ProxyServer p = ProxyServer.builder(m).eventLoops(1).build();
      try {
        p.start().toCompletableFuture().get(BIND_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (lock) {
          proxy = p;
        }
        timeline.say("%s: proxy listening on %s", name, p.boundAddresses());
        return;
      } catch (ExecutionException | TimeoutException e) {
        p.stop(Duration.ZERO);
        if (System.nanoTime() > deadline) {
          throw new IOException(name + ": cannot bind the VIP: " + e.getMessage(), e);
        }
        try {
          Thread.sleep(50); // the old master is still releasing VIP:port; retry within BIND_PATIENCE
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while binding the VIP", ie);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while binding the VIP", e);
      }
    }
  }

  private void releaseVip(VirtualAddress vip) throws IOException {
    ProxyServer p;
    synchronized (lock) {
      p = proxy;
      proxy = null;
    }
    if (p == null) {
      return;
    }
    try {
      p.stop(Duration.ofMillis(200)).toCompletableFuture().get(5, TimeUnit.SECONDS);
      timeline.say("%s: proxy released %s", name, vip.address().getHostAddress());
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(name + ": proxy did not stop: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while releasing the VIP", e);
    }
  }
}
