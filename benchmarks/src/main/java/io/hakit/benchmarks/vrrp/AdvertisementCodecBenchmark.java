package io.hakit.benchmarks.vrrp;

import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.AdvertisementCodec;
import io.hakit.vrrp.packet.DecodeResult;
import io.hakit.vrrp.packet.VrrpProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * Encode and decode of one advert (one virtual address) per VRRP flavour: v2 (message-only
 * checksum), v3 over IPv4 (12-byte pseudo-header) and v3 over IPv6 (40-byte pseudo-header).
 * {@code encodeInto} writes into a reused buffer, as a sender would.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar AdvertisementCodecBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdvertisementCodecBenchmark {

  @Param({"v2", "v3-ipv4", "v3-ipv6"})
  public String flavour;

  private Advertisement advertisement;
  private InetAddress source;
  private InetAddress destination;
  private byte[] wire;
  private final byte[] out = new byte[64];

  @Setup
  public void setUp() throws UnknownHostException {
    switch (flavour) {
      case "v2" -> {
        source = InetAddress.getByName("198.18.0.11");
        destination = VrrpProtocol.GROUP_V4;
        advertisement = Advertisement.v2(51, 150, 1, List.of(InetAddress.getByName("198.18.0.200")));
      }
      case "v3-ipv4" -> {
        source = InetAddress.getByName("198.18.0.11");
        destination = VrrpProtocol.GROUP_V4;
        advertisement = Advertisement.v3(51, 150, 100, List.of(InetAddress.getByName("198.18.0.200")));
      }
      default -> {
        source = InetAddress.getByName("fe80::c6ff:fe12:b");
        destination = VrrpProtocol.GROUP_V6;
        advertisement = Advertisement.v3(51, 150, 100, List.of(InetAddress.getByName("2001:db8:51::200")));
      }
    }
    wire = AdvertisementCodec.encode(advertisement, source, destination);
  }

  @Benchmark
  public int encodeInto() {
    return AdvertisementCodec.encodeInto(advertisement, source, destination, out, 0);
  }

  @Benchmark
  public byte[] encode() {
    return AdvertisementCodec.encode(advertisement, source, destination);
  }

  @Benchmark
  public DecodeResult decode() {
    return AdvertisementCodec.decode(wire, source, destination);
  }
}
