package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.Closing;
import io.hakit.proxy.HaproxyProcess;
import io.hakit.proxy.ProxyFixture;
import io.hakit.proxy.RawClient;
import io.hakit.proxy.TestConfigs;
import io.hakit.proxy.TestOrigin;
import io.hakit.proxy.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code use-server} rules under the real haproxy and under HAKit with the same three origins: a
 * matching rule picks its server over the balancer ({@code balance first} otherwise sends all to
 * s1); a rule naming a server in maintenance is skipped, unless {@code option persist}.
 */
class UseServerDifferentialIT {
  private static final Pattern ORIGIN = Pattern.compile("(?im)^X-Origin: (\\S+)");
  private static final List<TestOrigin> origins = new ArrayList<>();
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static final int[][] ports = new int[2][2];

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    for (int i = 1; i <= 3; i++) {
      origins.add(TestOrigin.start("s" + i));
    }
    for (int[] p : ports) {
      p[0] = FreePorts.next();
      p[1] = FreePorts.next();
    }
    haproxy = new HaproxyProcess(config(0), ports[0][0], ports[1][0]);
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(1)).model(), ports[0][1],
        TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.all(origins, hakit, haproxy);
  }

  /** Two listen sections, plain and with option persist, on the ports of column {@code which}. */
  private static String config(int which) {
    StringBuilder sb = new StringBuilder(TestConfigs.HTTP_DEFAULTS);
    for (int l = 0; l < 2; l++) {
      sb.append("listen l").append(l).append('\n')
          .append("    bind 127.0.0.1:").append(ports[l][which]).append('\n')
          .append("    balance first\n")
          .append(l == 1 ? "    option persist\n" : "")
          .append("    use-server s2 if { path_beg /two }\n")
          .append("    use-server s3 if { hdr(x-srv) three }\n")
          .append("    use-server s2 if { hdr(x-srv) three }\n");
      for (int i = 0; i < 3; i++) {
        sb.append("    server s").append(i + 1).append(" 127.0.0.1:").append(origins.get(i).port())
            .append(i == 2 ? " disabled" : "").append('\n');
      }
    }
    return sb.toString();
  }

  private static String origin(int port, String path, String header) throws Exception {
    String response = RawClient.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + header
        + "Connection: close\r\n\r\n", 5000);
    Matcher m = ORIGIN.matcher(response);
    return m.find() ? m.group(1) : response.lines().findFirst().orElse("(nothing)");
  }

  @Test
  void useServer_rulesAndMaintenance_samePicksAsHaproxy() throws Exception {
    for (int l = 0; l < 2; l++) {
      List<String> expected = new ArrayList<>();
      List<String> actual = new ArrayList<>();
      for (String[] r : new String[][] {{"/", ""}, {"/two", ""}, {"/", "X-Srv: three\r\n"}, {"/other", ""}}) {
        expected.add(origin(ports[l][0], r[0], r[1]));
        actual.add(origin(ports[l][1], r[0], r[1]));
      }
      // Without persist the rule naming s3 (in maintenance) is skipped for the next one, s2.
      assertThat(expected).as("haproxy, listen l%d", l).containsExactly("s1", "s2", l == 0 ? "s2" : "s3", "s1");
      assertThat(actual).as("HAKit, listen l%d", l).isEqualTo(expected);
    }
  }
}
