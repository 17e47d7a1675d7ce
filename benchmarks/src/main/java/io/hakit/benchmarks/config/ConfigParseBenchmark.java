package io.hakit.benchmarks.config;

import io.hakit.config.haproxy.ConfigResult;
import io.hakit.config.haproxy.HaproxyConfigReader;
import java.util.Map;
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
 * Warm parse of a generated haproxy.cfg ({@link GeneratedConfig}) into a model: tokenizer,
 * preprocessor, keyword tables, assembly and model validation. Goal: under 20 ms for 10,000 lines.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ConfigParseBenchmark -p lines=10000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigParseBenchmark {
  @Param({"10000"})
  public int lines;

  private String text = "";
  private HaproxyConfigReader reader = new HaproxyConfigReader();

  @Setup
  public void setUp() {
    text = GeneratedConfig.generate(lines);
    reader = new HaproxyConfigReader(new HaproxyConfigReader.Options(true, Map.of()));
  }

  @Benchmark
  public ConfigResult parse() {
    return reader.read("bench.cfg", text);
  }
}
