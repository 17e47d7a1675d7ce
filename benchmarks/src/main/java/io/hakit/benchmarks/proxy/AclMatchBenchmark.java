package io.hakit.benchmarks.proxy;

import io.hakit.core.Origin;
import io.hakit.core.model.Acl;
import io.hakit.core.model.AclFlags;
import io.hakit.core.model.Condition;
import io.hakit.proxy.acl.AclCompiler;
import io.hakit.proxy.acl.AclPredicate;
import io.hakit.proxy.acl.RequestSample;
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
 * The seed's {@code url_static} condition (path_beg -i with 4 prefixes OR path_end -i with 5
 * suffixes) evaluated on a static hit, a suffix hit and a miss (the costliest: every pattern).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AclMatchBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AclMatchBenchmark {
  @Param({"/static/app.js", "/img/logo.PNG", "/api/v1/users?id=42"})
  String path;

  private AclPredicate urlStatic;
  private RequestSample sample;

  /** A request sample with a path and a Host header. */
  record Sample(String path) implements RequestSample {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String uri() {
      return path;
    }

    @Override
    public int version() {
      return 11;
    }

    @Override
    public int headerCount() {
      return 1;
    }

    @Override
    public String headerName(int i) {
      return "host";
    }

    @Override
    public String headerValue(int i) {
      return "example.com";
    }

    @Override
    public byte[] sourceAddress() {
      return new byte[] {127, 0, 0, 1};
    }
  }

  @Setup
  public void setup() {
    AclFlags i = new AclFlags(true, null, List.of(), false);
    List<Acl> acls = List.of(
        new Acl("url_static", "path_beg", i, List.of("/static", "/images", "/javascript", "/stylesheets"), Origin.UNKNOWN),
        new Acl("url_static", "path_end", i, List.of(".jpg", ".gif", ".png", ".css", ".js"), Origin.UNKNOWN));
    urlStatic = AclCompiler.compile(Condition.ifAcl("url_static"), acls);
    int q = path.indexOf('?');
    sample = new Sample(q < 0 ? path : path.substring(0, q));
  }

  @Benchmark
  public boolean urlStatic() {
    return urlStatic.test(sample);
  }
}
