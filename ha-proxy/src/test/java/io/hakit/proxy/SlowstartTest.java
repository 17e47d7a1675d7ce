package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code slowstart}: a server that comes back UP takes a growing share of its weight (shown in show
 * stat's throttle) instead of its full share at once; a server UP from the start is not ramped.
 */
class SlowstartTest {
  private static final Pattern ORIGIN = Pattern.compile("(?im)^X-Origin: (\\S+)");

  @Test
  void slowstart_serverBackUp_getsASmallShareWhileRamping() throws Exception {
    int portA = FreePorts.next();
    TestOrigin a = new TestOrigin("a", portA);
    TestOrigin b = TestOrigin.start("b");
    int port = FreePorts.next();
    String cfg = TestConfigs.HTTP_DEFAULTS + String.join("\n",
        "listen l",
        "    bind 127.0.0.1:" + port,
        "    balance roundrobin",
        // Weights above 1: HAKit's weights are whole numbers, so a weight-1 server cannot go below a
        // weight-1 peer's share (haproxy scales weights by 16 and can): see ServerState.setWarmup.
        "    server a 127.0.0.1:" + portA + " weight 64 check inter 100 rise 1 fall 1 slowstart 60s",
        "    server b 127.0.0.1:" + b.port() + " weight 64",
        "");
    try (ProxyFixture proxy = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", cfg).model(), port,
        TransportKind.AUTO)) {
      assertThat(column(proxy, "a", "throttle")).as("UP from the start: no ramp").isEmpty();
      a.close();
      Await.until("a DOWN", Duration.ofSeconds(5), () -> column(proxy, "a", "status").equals("DOWN"));
      a = new TestOrigin("a", portA);
      Await.until("a UP again", Duration.ofSeconds(5), () -> column(proxy, "a", "status").equals("UP"));
      int toA = 0;
      for (int i = 0; i < 40; i++) {
        Matcher m = ORIGIN.matcher(RawClient.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            5000));
        assertThat(m.find()).isTrue();
        toA += m.group(1).equals("a") ? 1 : 0;
      }
      // Full weight would give a half; seconds into a 60 s ramp its weight is a few percent of b's.
      assertThat(toA).as("requests to the ramping server out of 40").isLessThan(10);
      assertThat(Integer.parseInt(column(proxy, "a", "throttle"))).isBetween(0, 99);
    } finally {
      a.close();
      b.close();
    }
  }

  private static String column(ProxyFixture proxy, String server, String column) {
    return StatsSocketTest.column(proxy.proxy.runtimeCommand("show stat"), "l", server, column);
  }
}
