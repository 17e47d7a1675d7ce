package io.hakit.benchmarks.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkOutputParserTest {

  // Printed by Debian's wrk 4.1.0 with --latency through HAProxy 2.6 (1 MiB bodies).
  private static final String BIG_BODIES =
      String.join(
          "\n",
          "Running 3s test @ http://127.0.0.1:37997/static/big.bin",
          "  1 threads and 50 connections",
          "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
          "    Latency    38.98ms    5.96ms  63.46ms   84.27%",
          "    Req/Sec     1.27k   172.50     1.44k    80.65%",
          "  Latency Distribution",
          "     50%   36.64ms",
          "     75%   39.86ms",
          "     90%   46.44ms",
          "     99%   60.95ms",
          "  3935 requests in 3.10s, 3.86GB read",
          "Requests/sec:   1269.70",
          "Transfer/sec:      1.25GB",
          "");

  private static final String WITH_ERRORS =
      String.join(
          "\n",
          "Running 5s test @ http://127.0.0.1:5000/small",
          "  1 threads and 50 connections",
          "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
          "    Latency   652.21us  200.12us   1.00s    80.00%",
          "    Req/Sec    70.12k     3.21k   75.00k    70.00%",
          "  Latency Distribution",
          "     50%  610.00us",
          "     75%  700.00us",
          "     90%  800.00us",
          "     99%    1.20s ",
          "  350000 requests in 5.00s, 60.00MB read",
          "  Socket errors: connect 1, read 2, write 3, timeout 4",
          "  Non-2xx or 3xx responses: 12",
          "Requests/sec:  70000.00",
          "Transfer/sec:     12.00MB",
          "");

  @Test
  void parse_cleanReport_readsTotalsRateAndPercentiles() {
    WrkResult result = WrkOutputParser.parse(BIG_BODIES);

    assertThat(result.requests()).isEqualTo(3935);
    assertThat(result.seconds()).isCloseTo(3.10, within(1e-9));
    assertThat(result.requestsPerSecond()).isCloseTo(1269.70, within(1e-9));
    assertThat(result.p50Micros()).isCloseTo(36_640, within(1e-6));
    assertThat(result.p99Micros()).isCloseTo(60_950, within(1e-6));
    assertThat(result.bytesRead()).isCloseTo(3.86 * 1024 * 1024 * 1024, within(1.0));
    assertThat(result.socketErrors()).isZero();
    assertThat(result.non2xx3xx()).isZero();
    assertThat(result.invalidReason()).isEmpty();
  }

  @Test
  void parse_reportWithErrors_countsThemAndIsInvalid() {
    WrkResult result = WrkOutputParser.parse(WITH_ERRORS);

    assertThat(result.p50Micros()).isCloseTo(610, within(1e-9));
    assertThat(result.p99Micros()).isCloseTo(1_200_000, within(1e-6));
    assertThat(result.socketErrors()).isEqualTo(10);
    assertThat(result.non2xx3xx()).isEqualTo(12);
    assertThat(result.invalidReason()).contains("12 responses not 2xx/3xx");
  }

  @Test
  void parse_socketErrorsOnly_isInvalid() {
    WrkResult result =
        WrkOutputParser.parse(WITH_ERRORS.replace("  Non-2xx or 3xx responses: 12\n", ""));

    assertThat(result.non2xx3xx()).isZero();
    assertThat(result.invalidReason()).isEqualTo("10 socket errors");
  }

  @Test
  void parse_withoutLatencyDistribution_failsNamingTheOption() {
    String noLatency = BIG_BODIES.replaceAll("(?m)^ +(50|75|90|99)%.*\\n", "");

    assertThatThrownBy(() -> WrkOutputParser.parse(noLatency))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--latency");
  }

  @Test
  void parse_failedRun_failsWithTheOutput() {
    assertThatThrownBy(() -> WrkOutputParser.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void toMicros_everyWrkUnit_converts() {
    assertThat(WrkOutputParser.toMicros(2, "us")).isEqualTo(2);
    assertThat(WrkOutputParser.toMicros(2, "ms")).isEqualTo(2_000);
    assertThat(WrkOutputParser.toMicros(2, "s")).isEqualTo(2_000_000);
    assertThat(WrkOutputParser.toMicros(2, "m")).isEqualTo(120_000_000);
    assertThatThrownBy(() -> WrkOutputParser.toMicros(2, "d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
