package io.hakit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The no-root demo end to end, with short phases, on free loopback ports and its own VIP: node1
 * wins, the client is served through the VIP by both origins, node1's crash hands the VIP to
 * node2 and the client goes on, node1's restart preempts it back.
 */
class DemoIT {
  @Test
  void run_crashAndRestart_vipMovesAndClientIsServedThroughout() throws Exception {
    DemoOptions options = new DemoOptions("127.0.0.203", FreePorts.next(), FreePorts.next(), FreePorts.next(),
        FreePorts.next(), Duration.ofMillis(100), Duration.ofMillis(1500), Duration.ofMillis(50));
    ByteArrayOutputStream timeline = new ByteArrayOutputStream();

    DemoReport report;
    try (Demo demo = new Demo(options, new PrintStream(timeline, true, StandardCharsets.UTF_8))) {
      report = demo.run();
    }

    String printed = timeline.toString(StandardCharsets.UTF_8);
    assertThat(report.initialMaster()).isEqualTo("node1");
    assertThat(report.masterAfterCrash()).isEqualTo("node2");
    assertThat(report.masterAfterRestart()).isEqualTo("node1");
    // A liveness bound, not a performance goal: Master_Down_Interval is ~0.34 s here.
    assertThat(report.takeoverMillis()).as(printed).isLessThan(5_000);
    assertThat(report.okAfterTakeover()).as("served by node2 after the takeover\n" + printed).isPositive();
    assertThat(report.okAfterPreempt()).as("served by node1 after preempting\n" + printed).isPositive();
    assertThat(report.byOrigin()).as(printed).containsKeys("static", "app");
    assertThat(printed)
        .contains("node1: BACKUP -> MASTER")
        .contains("node1: proxy listening on [/127.0.0.203:" + options.port() + "]")
        .contains("node2: BACKUP -> MASTER")
        .contains("node2: MASTER -> BACKUP (higher priority (150) advert from 127.0.0.11")
        .contains("failed requests during the failover: " + report.failedDuringFailover());
  }
}
