package io.hakit.proxy.balance;

import io.hakit.core.HaException;
import io.hakit.core.balance.LoadBalancerFactory;
import io.hakit.core.model.BalanceSpec;
import io.hakit.proxy.internal.DidYouMean;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds a {@code balance} name to its {@link LoadBalancerFactory}: the built-ins (roundrobin,
 * static-rr, leastconn, first, source, uri, url_param, hdr, random) plus the factories found
 * through {@link ServiceLoader}. A name with glued arguments ({@code hdr(Host)}, {@code random(3)})
 * goes to the factory named by what precedes the parenthesis. Immutable once built; a duplicate name is an error, an
 * unknown one gets a "did you mean".
 */
public final class BalancerRegistry {
  private final Map<String, LoadBalancerFactory> factories;

  private BalancerRegistry(Map<String, LoadBalancerFactory> factories) {
    this.factories = Collections.unmodifiableMap(factories);
  }

  /** Built-ins plus every {@code META-INF/services/io.hakit.core.balance.LoadBalancerFactory} on the class path. */
  public static BalancerRegistry load() {
    return of(ServiceLoader.load(LoadBalancerFactory.class, BalancerRegistry.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).toList());
  }

  /**
   * The built-ins plus the given factories.
   *
   * @throws HaException when two factories share a name
   */
  public static BalancerRegistry of(List<LoadBalancerFactory> extra) {
    Map<String, LoadBalancerFactory> map = new TreeMap<>();
    for (LoadBalancerFactory f : builtIns()) {
      map.put(f.name(), f);
    }
    for (LoadBalancerFactory f : extra) {
      LoadBalancerFactory previous = map.putIfAbsent(f.name(), f);
      if (previous != null) {
        throw new HaException("balance algorithm '" + f.name() + "' is provided twice: by "
            + previous.getClass().getName() + " and by " + f.getClass().getName());
      }
    }
    return new BalancerRegistry(map);
  }

  private static List<LoadBalancerFactory> builtIns() {
    return List.of(new RoundRobinFactory(), new StaticRoundRobinFactory(), new LeastConnFactory(), new FirstFactory(),
        new HashFactory("source"), new HashFactory("uri"), new HashFactory("url_param"), new HashFactory("hdr"),
        new HashFactory("hash"), new RandomFactory());
  }

  public Set<String> names() {
    return factories.keySet();
  }

  /**
   * The factory for a spec, its arguments validated.
   *
   * @throws HaException for an unknown name or invalid arguments
   */
  public LoadBalancerFactory factory(BalanceSpec spec) {
    LoadBalancerFactory f = factories.get(spec.algorithm());
    int paren = spec.algorithm().indexOf('(');
    if (f == null && paren > 0) {
      // Glued arguments, as in hdr(Host) or random(3): the factory is named by what precedes them.
      f = factories.get(spec.algorithm().substring(0, paren));
    }
    if (f == null) {
      throw new HaException("balance: unknown algorithm '" + spec.algorithm() + "' (known: "
          + String.join(", ", factories.keySet()) + ")" + DidYouMean.hint(spec.algorithm(), factories.keySet()));
    }
    try {
      f.validate(spec);
    } catch (IllegalArgumentException e) {
      throw new HaException(e.getMessage(), e);
    }
    return f;
  }
}
