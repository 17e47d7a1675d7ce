package io.hakit.benchmarks.config;

import io.hakit.config.haproxy.ConfigCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One side-by-side timing of {@code check} (HAKit, in this JVM, cold and then warm) and {@code
 * haproxy -c} on a generated configuration (default 100,000 lines), printing both times and their
 * ratio. Not a JMH benchmark: haproxy is an external process, timed end to end.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.hakit.benchmarks.config.CheckTiming [lines] [haproxy]
 * </pre>
 */
public final class CheckTiming {
  private static final int WARM_RUNS = 5;

  private CheckTiming() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    String haproxy = args.length > 1 ? args[1] : "/usr/sbin/haproxy";
    String text = GeneratedConfig.generate(lines);
    Path file = Files.createTempFile("hakit-check-", ".cfg");
    try {
      Files.writeString(file, text);
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      long t0 = System.nanoTime();
      int rc = ConfigCheck.run(List.of(file), true, quiet, quiet);
      long cold = System.nanoTime() - t0;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < WARM_RUNS; i++) {
        long t = System.nanoTime();
        ConfigCheck.run(List.of(file), true, quiet, quiet);
        best = Math.min(best, System.nanoTime() - t);
      }
      long h0 = System.nanoTime();
      Process p = new ProcessBuilder(haproxy, "-c", "-q", "-f", file.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("haproxy -c did not finish in 10 minutes");
      }
      long hap = System.nanoTime() - h0;
      System.out.printf("lines=%d hakit.rc=%d haproxy.rc=%d%n", GeneratedConfig.lines(text), rc, p.exitValue());
      System.out.printf("hakit check cold: %.1f ms, warm (best of %d): %.1f ms%n", cold / 1e6, WARM_RUNS, best / 1e6);
      System.out.printf("haproxy -c: %.1f ms%n", hap / 1e6);
      System.out.printf("ratio hakit/haproxy: cold %.2f, warm %.2f%n", (double) cold / hap, (double) best / hap);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
