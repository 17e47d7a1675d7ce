package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.Server;
import io.hakit.core.net.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Builds balancers through the registry as the proxy does, and counts their picks. */
final class Balancers {
  private static final BalancerRegistry REGISTRY = BalancerRegistry.of(List.of());

  private Balancers() {}

  /** {@code balance <algorithm> [args]} with map-based sdbm hashing and default backend settings. */
  static LoadBalancer create(List<FakeServer> servers, String algorithm, String... args) {
    return create(servers, new BalanceSpec(algorithm, List.of(args), HashSpec.DEFAULT, io.hakit.core.Origin.UNKNOWN),
        b -> { });
  }

  /** A balancer for a backend whose servers mirror the fakes, tuned by {@code backend}. */
  static LoadBalancer create(List<FakeServer> servers, BalanceSpec spec, Consumer<Backend.Builder> backend) {
    Backend.Builder b = Backend.builder("be").balance(spec);
    for (FakeServer s : servers) {
      b.server(Server.builder(s.name, Endpoint.of("127.0.0.1", 1000 + s.index)).weight(s.weight).backup(s.backup)
          .build());
    }
    backend.accept(b);
    return REGISTRY.factory(spec).create(servers, b.build());
  }

  static BalanceSpec spec(String algorithm, HashSpec hash, String... args) {
    return new BalanceSpec(algorithm, List.of(args), hash, io.hakit.core.Origin.UNKNOWN);
  }

  /** How many of {@code n} picks each server got (name to count; "-" for none). */
  static Map<String, Integer> counts(LoadBalancer lb, BalanceRequest request, int n) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ServerView s = lb.pick(request);
      counts.merge(s == null ? "-" : s.name(), 1, Integer::sum);
    }
    return counts;
  }

  /** The names of {@code n} successive picks, "-" for none. */
  static String sequence(LoadBalancer lb, BalanceRequest request, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ServerView s = lb.pick(request);
      sb.append(s == null ? "-" : s.name());
    }
    return sb.toString();
  }
}
