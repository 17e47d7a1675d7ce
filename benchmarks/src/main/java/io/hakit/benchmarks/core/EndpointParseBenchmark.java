package io.hakit.benchmarks.core;

import io.hakit.core.net.Cidr;
import io.hakit.core.net.Endpoint;
import io.hakit.core.net.IpLiterals;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing the address forms of {@code bind} and {@code server} lines, and {@link Cidr#contains}
 * on IPv4, IPv6 and IPv4-mapped client addresses (the {@code src} ACL and
 * {@code forwardfor except} hot path, which must not allocate).
 *
 * <p>Each invocation handles one input, taken in turn from a fixed mix, so the figure is the mean
 * cost of one parse or one match. Run (after {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests}):
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar EndpointParse              # full run
 * java -jar benchmarks/target/benchmarks.jar EndpointParse -f 1 -wi 1 -i 1 -w 1s -r 1s   # smoke run
 * java -jar benchmarks/target/benchmarks.jar EndpointParse -prof gc     # allocation per op
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EndpointParseBenchmark {
  /** One of each form the seed and the HAProxy manual use; a power of two long, for cheap cycling. */
  private static final String[] ENDPOINTS = {
      "*:5000", ":80", "0.0.0.0:80", "[::]:443",
      "[::1]:8443", "127.0.0.1:8000-8010", "ipv4@:80", "ipv6@::1:80",
      "unix@/run/hakit.sock", "/var/lib/haproxy/stats", "localhost:8080", "app-1.example.com:443",
      "127.0.0.1:4331", "10.0.0.1", "10.0.0.1:+1000", "[2001:db8::1]:80",
  };

  private static final String[] IPV4_CLIENTS = {
      "127.0.0.1", "127.255.0.9", "198.18.0.1", "192.0.2.77", "10.128.0.1", "203.0.113.5", "8.8.8.8", "126.1.1.1",
  };

  private static final String[] IPV6_CLIENTS = {
      "::1", "2001:db8::1", "2001:db8:ffff::42", "2001:db9::1", "fe80::1", "fec0::1", "::ffff:127.0.0.1",
      "::ffff:203.0.113.5",
  };

  private final Cidr loopbackV4 = Cidr.parse("127.0.0.0/8");
  private final Cidr documentationV6 = Cidr.parse("2001:db8::/32");
  private byte[][] ipv4Clients = new byte[0][];
  private byte[][] ipv6Clients = new byte[0][];
  private int next;

  @Setup
  public void setUp() {
    ipv4Clients = literals(IPV4_CLIENTS);
    ipv6Clients = literals(IPV6_CLIENTS);
  }

  private static byte[][] literals(String[] texts) {
    byte[][] out = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      byte[] v4 = IpLiterals.parseIpv4(texts[i]);
      out[i] = Objects.requireNonNull(v4 != null ? v4 : IpLiterals.parseIpv6(texts[i]), texts[i]);
    }
    return out;
  }

  private int nextIndex(int length) {
    next = (next + 1) & (length - 1);
    return next;
  }

  /** One {@link Endpoint#parse} of the mix: wildcard, literal, bracketed, prefixed, unix, host name, range, offset. */
  @Benchmark
  public Endpoint parseEndpoint() {
    return Endpoint.parse(ENDPOINTS[nextIndex(ENDPOINTS.length)]);
  }

  /** {@code 127.0.0.0/8} against IPv4 clients, half inside. */
  @Benchmark
  public boolean cidrContainsIpv4() {
    return loopbackV4.contains(ipv4Clients[nextIndex(ipv4Clients.length)]);
  }

  /** {@code 2001:db8::/32} against IPv6 clients (some IPv4-mapped, never inside). */
  @Benchmark
  public boolean cidrContainsIpv6() {
    return documentationV6.contains(ipv6Clients[nextIndex(ipv6Clients.length)]);
  }

  /** {@code 127.0.0.0/8} against IPv6 clients: the IPv4-mapped ones match, as a dual-stack listener reports them. */
  @Benchmark
  public boolean cidrContainsIpv4MappedClient() {
    return loopbackV4.contains(ipv6Clients[nextIndex(ipv6Clients.length)]);
  }
}
