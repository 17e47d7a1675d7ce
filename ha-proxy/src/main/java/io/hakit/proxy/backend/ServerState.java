package io.hakit.proxy.backend;

import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Server;
import io.hakit.core.net.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live state of one server, shared by every event loop: up/down (written by its health
 * checker's loop, read anywhere), effective weight, and the count of connections it holds
 * (atomic, because clients on any loop may open or close one).
 */
public final class ServerState implements ServerView {
  private final int index;
  private final Server model;
  private final BackendState backend;
  /** Changed at run time by {@code set server addr}; new connections use the latest. */
  private volatile InetSocketAddress socketAddress;
  private volatile Endpoint address;
  private final AtomicInteger active = new AtomicInteger();
  /** Idle connections parked on every loop, counted only when pool-max-conn limits them. */
  private final AtomicInteger idle = new AtomicInteger();
  private volatile boolean up;
  private volatile int weight;
  /** See {@link #setWarmup}. */
  private volatile int warmupPercent = 100;
  // Runtime admin state and statistics (written by the stats CLI, the checker's loop or sessions).
  private final TrafficCounters counters = new TrafficCounters();
  private volatile boolean maintenance;
  private volatile boolean draining;
  private volatile boolean checksPaused;
  private volatile LastCheck lastCheck = LastCheck.NONE;
  private volatile long lastChangeMillis = System.currentTimeMillis();
  private volatile long downSinceMillis;
  private final AtomicLong downtimeMillis = new AtomicLong();
  private final AtomicLong failedChecks = new AtomicLong();
  private final AtomicLong downTransitions = new AtomicLong();

  ServerState(int index, Server model, BackendState backend) {
    this.index = index;
    this.model = model;
    this.backend = backend;
    Endpoint a = model.address();
    if (a.portKind() != Endpoint.PortKind.FIXED || a.family() == Endpoint.Family.UNIX) {
      throw new IllegalArgumentException("server '" + model.name() + "': address " + a
          + " (expected: host:port; unix sockets and port offsets are not supported yet)");
    }
    this.socketAddress = new InetSocketAddress(a.host(), a.port());
    this.address = a;
    this.up = true;
    this.maintenance = model.disabled();
    this.weight = model.weight();
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public Endpoint address() {
    return address;
  }

  public InetSocketAddress socketAddress() {
    return socketAddress;
  }

  /**
   * {@code set server <b>/<s> addr <ip> [port <port>]}: connections opened from now on go to the
   * new address (an IP literal: nothing is resolved here); open ones are left alone.
   */
  public void setAddress(InetSocketAddress to) {
    Endpoint e = Endpoint.of(to.getAddress() != null ? io.netty.util.NetUtil.toAddressString(to.getAddress())
        : to.getHostString(), to.getPort());
    socketAddress = to;
    address = e;
  }

  public Server model() {
    return model;
  }

  public BackendState backend() {
    return backend;
  }

  /** {@code backend/server}, as HAProxy's logs name a server. */
  public String qualifiedName() {
    return backend.name() + "/" + model.name();
  }

  /** The effective weight: 0 while draining, ramped up during {@code slowstart}. */
  @Override
  public int weight() {
    return draining ? 0 : warm(weight);
  }

  /** {@code value} scaled by the slowstart ramp, rounded up and at least 1 (unless 0), as haproxy scales it. */
  private int warm(int value) {
    int percent = warmupPercent;
    if (percent >= 100 || value <= 0) {
      return value;
    }
    return Math.max(1, (value * percent + 99) / 100);
  }

  /**
   * {@code slowstart}: the share (0-100) of its weight and maxconn a server that just came back UP
   * gets; 100 outside a ramp. Set by its health checker's loop, read anywhere. Weights are whole
   * numbers here (haproxy scales them by 16), so a ramping weight never goes below 1: with the
   * default weight 1 the ramp only limits maxconn.
   */
  public void setWarmup(int percent) {
    int p = Math.max(0, Math.min(100, percent));
    if (warmupPercent != p) {
      warmupPercent = p;
      backend.onWeightChanged(this);
    }
  }

  /** The slowstart share in force (100 when not ramping): show stat's throttle. */
  public int warmupPercent() {
    return warmupPercent;
  }

  /** The weight set by config or {@code set weight}, draining aside (HAProxy's uweight). */
  public int userWeight() {
    return weight;
  }

  @Override
  public int initialWeight() {
    return model.weight();
  }

  @Override
  public boolean isBackup() {
    return model.backup();
  }

  /** UP for the checks and not in maintenance: what the balancer may use. */
  @Override
  public boolean isUp() {
    return up && !maintenance;
  }

  /** What the health checks say, maintenance aside. */
  public boolean isCheckedUp() {
    return up;
  }

  @Override
  public int activeConnections() {
    return active.get();
  }

  @Override
  public int maxConnections() {
    return model.maxconn();
  }

  /** Takes a connection slot unless the server is at its maxconn (ramped during slowstart). Any thread. */
  public boolean tryAcquire() {
    int max = warm(model.maxconn());
    while (true) {
      int a = active.get();
      if (max > 0 && a >= max) {
        return false;
      }
      if (active.compareAndSet(a, a + 1)) {
        counters.observeCurrent(a + 1);
        return true;
      }
    }
  }

  /** Gives a slot back and wakes a request queued in the backend, if any. Any thread. */
  public void release() {
    active.decrementAndGet();
    backend.onSlotFreed();
  }

  /**
   * Counts one more idle connection unless {@code max} (pool-max-conn, server-wide as in HAProxy)
   * are already idle. Any loop may call it.
   */
  public boolean tryAddIdle(int max) {
    int n;
    do {
      n = idle.get();
      if (n >= max) {
        return false;
      }
    } while (!idle.compareAndSet(n, n + 1));
    return true;
  }

  /** An idle connection counted by {@link #tryAddIdle} left the pool. */
  public void removeIdle() {
    idle.decrementAndGet();
  }

  /** Idle connections counted against pool-max-conn (0 when it is unlimited). */
  public int idleConnections() {
    return idle.get();
  }

  /** Sets up/down; returns true when it changed. Called by the health checker. */
  public boolean setUp(boolean nowUp) {
    if (up == nowUp) {
      return false;
    }
    up = nowUp;
    long now = System.currentTimeMillis();
    if (nowUp) {
      downtimeMillis.addAndGet(now - downSinceMillis);
    } else {
      downSinceMillis = now;
      downTransitions.incrementAndGet();
    }
    lastChangeMillis = now;
    backend.onServerStateChanged(this);
    return true;
  }

  /** A runtime weight change (0-256). */
  public void setWeight(int newWeight) {
    if (newWeight < 0 || newWeight > Server.MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: " + newWeight + " (expected: 0-256)");
    }
    weight = newWeight;
    backend.onWeightChanged(this);
  }

  public TrafficCounters counters() {
    return counters;
  }

  /** {@code set server B/S state maint} (true) or {@code ready} (false); checks go on. Any thread. */
  public void setMaintenance(boolean on) {
    if (maintenance != on) {
      maintenance = on;
      lastChangeMillis = System.currentTimeMillis();
      backend.onServerStateChanged(this);
    }
  }

  public boolean inMaintenance() {
    return maintenance;
  }

  /** {@code set server B/S state drain}: UP, but the balancer gives it no new traffic. Any thread. */
  public void setDraining(boolean on) {
    if (draining != on) {
      draining = on;
      lastChangeMillis = System.currentTimeMillis();
      backend.onWeightChanged(this);
    }
  }

  public boolean isDraining() {
    return draining;
  }

  /** {@code disable health} (true) / {@code enable health}: checks stop changing the state. */
  public void pauseChecks(boolean paused) {
    checksPaused = paused;
  }

  public boolean checksPaused() {
    return checksPaused;
  }

  /** Called by the health checker after each probe; a failure while UP counts as {@code chkfail}. */
  public void recordCheck(LastCheck check, boolean failedWhileUp) {
    if (failedWhileUp) {
      failedChecks.incrementAndGet();
    }
    lastCheck = check;
  }

  public LastCheck lastCheck() {
    return lastCheck;
  }

  public long failedChecks() {
    return failedChecks.get();
  }

  /** UP to DOWN transitions ({@code chkdown}). */
  public long downTransitions() {
    return downTransitions.get();
  }

  /** Time spent DOWN so far, ms. */
  public long downtimeMillis() {
    long d = downtimeMillis.get();
    return up ? d : d + System.currentTimeMillis() - downSinceMillis;
  }

  /** When the state last changed (check or admin), ms since the epoch. */
  public long lastChangeMillis() {
    return lastChangeMillis;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
