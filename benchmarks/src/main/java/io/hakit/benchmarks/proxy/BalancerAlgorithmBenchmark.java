package io.hakit.benchmarks.proxy;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.Server;
import io.hakit.core.net.Endpoint;
import io.hakit.proxy.balance.BalancerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pick of each built-in algorithm over a backend of mixed weights (1 to 5), as an event loop
 * does per request; the requests cycle through 1024 distinct keys (client address, URI, query
 * parameter, header) so that hashing sees varied input. Compare with {@code roundrobin}, the
 * default.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BalancerAlgorithmBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BalancerAlgorithmBenchmark {
  /** {@code balance} line words; a trailing {@code @consistent} selects {@code hash-type consistent}. */
  @Param({"roundrobin", "static-rr", "leastconn", "first", "random", "source", "uri", "uri@consistent",
      "url_param id", "hdr(X-User)"})
  String algorithm;

  @Param({"10", "100"})
  int servers;

  private LoadBalancer balancer;
  private Request[] requests;
  private int next;

  /** A fixed server with a connection count, for leastconn and random to compare. */
  static final class Srv implements ServerView {
    private final int index;
    private final int weight;
    private final Endpoint address;

    Srv(int index, int weight) {
      this.index = index;
      this.weight = weight;
      this.address = Endpoint.of("127.0.0.1", 10000 + index);
    }

    @Override
    public int index() {
      return index;
    }

    @Override
    public String name() {
      return "s" + index;
    }

    @Override
    public Endpoint address() {
      return address;
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
      return false;
    }

    @Override
    public boolean isUp() {
      return true;
    }

    @Override
    public int activeConnections() {
      return index % 7;
    }

    @Override
    public int maxConnections() {
      return 0;
    }
  }

  /** One request's balancing input, built before the measurement. */
  record Request(byte[] source, String uri, Map<String, String> headers) implements BalanceRequest {
    @Override
    public byte[] sourceAddress() {
      return source;
    }

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public @Nullable String header(String name) {
      return headers.get(name);
    }
  }

  @Setup
  public void setup() {
    String[] words = algorithm.split("@")[0].split(" ");
    HashSpec hash = algorithm.endsWith("@consistent") ? new HashSpec("consistent", "sdbm", "avalanche") : HashSpec.DEFAULT;
    BalanceSpec spec = new BalanceSpec(words[0], List.of(words).subList(1, words.length), hash,
        io.hakit.core.Origin.UNKNOWN);
    List<ServerView> list = new ArrayList<>();
    Backend.Builder backend = Backend.builder("be").balance(spec);
    for (int i = 0; i < servers; i++) {
      int w = 1 + i % 5;
      list.add(new Srv(i, w));
      backend.server(Server.builder("s" + i, Endpoint.of("127.0.0.1", 10000 + i)).weight(w).build());
    }
    balancer = BalancerRegistry.load().factory(spec).create(list, backend.build());
    requests = new Request[1024];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new Request(new byte[] {(byte) 198, 18, (byte) (i >> 8), (byte) i},
          "/catalog/item/" + i * 7919 + "?id=u" + i + "&page=2", Map.of("x-user", "user-" + i));
    }
  }

  @Benchmark
  public ServerView pick() {
    Request r = requests[next];
    next = (next + 1) & (requests.length - 1);
    return balancer.pick(r);
  }
}
