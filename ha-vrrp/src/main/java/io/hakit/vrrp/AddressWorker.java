package io.hakit.vrrp;

import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.address.VirtualAddressManager;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vrrp-NAME-addr} thread: adds and removes virtual addresses, sends the gratuitous
 * ARP / NA bursts and calls the state listeners, in the order the scheduler asked, so that a slow
 * address manager or listener never delays an advert. {@code generation} (confined to this thread)
 * cancels the announcements still pending from an earlier mastership.
 */
final class AddressWorker {
  private static final Logger logger = LoggerFactory.getLogger(AddressWorker.class);

  private final String name;
  private final List<VirtualAddress> addresses;
  private final VirtualAddressManager manager;
  private final GarpSettings garp;
  private final List<VrrpStateListener> listeners;
  private final VrrpCounters counters;
  private final ScheduledThreadPoolExecutor executor;
  private long generation;

  AddressWorker(InstanceSettings s, VrrpCounters counters) {
    this.name = s.name();
    this.addresses = s.managedAddresses();
    this.manager = s.addressManager();
    this.garp = s.garp();
    this.listeners = s.listeners();
    this.counters = counters;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "vrrp-" + name + "-addr");
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** keepalived's "removing VIPs." at start: a crashed run may have left them behind. */
  void removeLeftovers() {
    executor.execute(() -> {
      generation++;
      removeAll();
    });
  }

  void becameMaster() {
    executor.execute(() -> {
      long gen = ++generation;
      for (VirtualAddress a : addresses) {
        try {
          manager.add(a);
        } catch (IOException | RuntimeException e) {
          counters.onAddressError();
          logger.warn("({}) cannot add {}: {}", name, a, e.toString());
        }
      }
      burst(gen);
      if (!garp.secondBurstDelay().isZero()) {
        schedule(() -> burst(gen), garp.secondBurstDelay());
      }
      if (!garp.refresh().isZero()) {
        schedule(() -> refresh(gen), garp.refresh());
      }
    });
  }

  void leftMaster() {
    executor.execute(() -> {
      generation++;
      removeAll();
    });
  }

  void notifyListeners(StateChange change) {
    executor.execute(() -> {
      for (VrrpStateListener l : listeners) {
        try {
          l.onStateChange(change);
        } catch (RuntimeException e) {
          logger.warn("({}) state listener {} failed", name, l, e);
        }
      }
    });
  }

  private void removeAll() {
    for (VirtualAddress a : addresses) {
      try {
        manager.remove(a);
      } catch (IOException | RuntimeException e) {
        counters.onAddressError();
        logger.warn("({}) cannot remove {}: {}", name, a, e.toString());
      }
    }
  }

  private void refresh(long gen) {
    if (gen == generation) {
      burst(gen);
      schedule(() -> refresh(gen), garp.refresh());
    }
  }

  private void burst(long gen) {
    long spacingNanos = garp.spacing().toNanos();
    int k = 0;
    for (int i = 0; i < garp.repeat(); i++) {
      for (VirtualAddress a : addresses) {
        if (spacingNanos == 0) {
          announce(gen, a);
        } else {
          schedule(() -> announce(gen, a), Duration.ofNanos(spacingNanos * k++));
        }
      }
    }
  }

  private void announce(long gen, VirtualAddress a) {
    if (gen != generation) {
      return; // no longer master since this burst was planned
    }
    try {
      manager.announce(a);
    } catch (IOException | RuntimeException e) {
      counters.onAddressError();
      logger.debug("({}) cannot announce {}: {}", name, a, e.toString());
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      logger.debug("({}) stopping: announcement not scheduled", name);
    }
  }

  /** Runs what is queued (not the delayed announcements), then ends the thread. */
  void shutdown(Duration grace) throws InterruptedException {
    executor.shutdown();
    long waitMillis = Math.max(grace.toMillis(), 5_000);
    if (!executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
      logger.warn("({}) address/listener work still running after {} ms; abandoning it", name, waitMillis);
      executor.shutdownNow();
    }
  }
}
