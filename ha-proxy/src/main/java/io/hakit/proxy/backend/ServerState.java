package io.hakit.proxy.backend;

import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Server;
import io.hakit.core.net.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one server, shared by every event loop: up/down (written by its health
 * checker's loop, read anywhere), effective weight, and the count of connections it holds
 * (atomic, because clients on any loop may open or close one).
 */
public final class ServerState implements ServerView {
  private final int index;
  private final Server model;
  private final BackendState backend;
  private final InetSocketAddress socketAddress;
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean up;
  private volatile int weight;

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
    this.up = !model.disabled();
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
    return model.address();
  }

  public InetSocketAddress socketAddress() {
    return socketAddress;
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

  @Override
  public int weight() {
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

  @Override
  public boolean isUp() {
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

  /** Takes a connection slot unless the server is at its maxconn. Any thread. */
  public boolean tryAcquire() {
    int max = model.maxconn();
    while (true) {
      int a = active.get();
      if (max > 0 && a >= max) {
        return false;
      }
      if (active.compareAndSet(a, a + 1)) {
        return true;
      }
    }
  }

  /** Gives a slot back and wakes a request queued in the backend, if any. Any thread. */
  public void release() {
    active.decrementAndGet();
    backend.onSlotFreed();
  }

  /** Sets up/down; returns true when it changed. Called by the health checker. */
  public boolean setUp(boolean nowUp) {
    if (up == nowUp) {
      return false;
    }
    up = nowUp;
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

  @Override
  public String toString() {
    return qualifiedName();
  }
}
