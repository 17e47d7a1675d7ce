package io.hakit.benchmarks.proxy;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.net.Endpoint;
import io.hakit.proxy.balance.BalancerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One roundrobin pick (smooth weighted) over backends of various sizes, as the proxy does per
 * request on an event loop.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BalancerPickBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BalancerPickBenchmark {
  @Param({"2", "10", "50"})
  int servers;

  @Param({"equal", "mixed"})
  String weights;

  private LoadBalancer balancer;

  /** A fixed server for the benchmark. */
  record Srv(int index, String name, Endpoint address, int weight) implements ServerView {
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
      return 0;
    }

    @Override
    public int maxConnections() {
      return 0;
    }
  }

  @Setup
  public void setup() {
    List<ServerView> list = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      int w = weights.equals("equal") ? 1 : 1 + i % 5;
      list.add(new Srv(i, "s" + i, Endpoint.of("127.0.0.1", 10000 + i), w));
    }
    balancer = BalancerRegistry.load().factory(BalanceSpec.ROUND_ROBIN).create(list, BalanceSpec.ROUND_ROBIN);
  }

  @Benchmark
  public ServerView pick() {
    return balancer.pick(BalanceRequest.EMPTY);
  }
}
