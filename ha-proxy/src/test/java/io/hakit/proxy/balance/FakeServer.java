package io.hakit.proxy.balance;

import io.hakit.core.balance.ServerView;
import io.hakit.core.net.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** A mutable server view for balancer tests: weight, up/down, backup, open connections and maxconn set by the test. */
final class FakeServer implements ServerView {
  final int index;
  final String name;
  final boolean backup;
  int weight;
  boolean up = true;
  int active;
  int maxconn;

  FakeServer(int index, String name, int weight, boolean backup) {
    this.index = index;
    this.name = name;
    this.weight = weight;
    this.backup = backup;
  }

  /** Active servers named a, b, c... with these weights. */
  static List<FakeServer> weighted(int... weights) {
    List<FakeServer> list = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      list.add(new FakeServer(i, String.valueOf((char) ('a' + i)), weights[i], false));
    }
    return list;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Endpoint address() {
    return Endpoint.of("127.0.0.1", 1000 + index);
  }

  @Override
  public int weight() {
    return weight;
  }

  @Override
  public int initialWeight() {
    return weight;
  }

  @Override
  public boolean isBackup() {
    return backup;
  }

  @Override
  public boolean isUp() {
    return up;
  }

  @Override
  public int activeConnections() {
    return active;
  }

  @Override
  public int maxConnections() {
    return maxconn;
  }

  @Override
  public String toString() {
    return name;
  }
}
