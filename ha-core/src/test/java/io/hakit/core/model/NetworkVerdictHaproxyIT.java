package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.net.Cidr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Cidr#parse}'s verdict on networks against haproxy 2.6's ({@code acl <name> src <network>},
 * checked with {@code haproxy -c} in a network namespace, one ACL per line). Known differences
 * say why, and fail the test when they disappear.
 */
class NetworkVerdictHaproxyIT {

  /** A network and why we differ (null: we must agree). */
  private record Case(String network, String divergence) {}

  private static final List<Case> CASES = List.of(
      agree("127.0.0.0/8"), agree("10.1.2.3/8"), agree("127.0.0.1"), agree("0.0.0.0/0"), agree("10.0.0.0/255.0.0.0"),
      agree("10.0.0.0/08"), agree("127.000.000.000/8"), agree("::1/128"), agree("::1"), agree("::/0"),
      agree("2001:DB8:ABCD::1/48"), agree("fe80::/10"), agree("::ffff:10.1.2.3/104"),
      agree("10.0.0.0/33"), agree("::/129"), agree("10.0.0.0/"), agree("10.0.0.0/-1"), agree("10.0.0.0/abc"),
      agree("::1/255.255.255.0"), agree("256.0.0.0/8"), agree("1::2::3/64"), agree("1.2.3.4::/64"), agree("fe80::1%lo"),
      new Case("10.0.0.0/255.0.255.0", "HAProxy masks with any dotted mask; a Cidr is a prefix, so we refuse"),
      new Case("10.0.0/8", "HAProxy takes inet_aton's short forms (10.0.0 = 10.0.0.0); we want four octets"),
      new Case("010.0.0.0/8", "HAProxy reads 010 as octal (8.0.0.0/8); we refuse the ambiguity"),
      new Case("localhost", "HAProxy resolves a name in a src ACL; a Cidr is a literal"));

  @TempDir
  Path dir;

  private static Case agree(String network) {
    return new Case(network, null);
  }

  @BeforeAll
  static void prerequisites() {
    HaproxyCheck.prerequisites();
  }

  @Test
  void verdicts_everyNetwork_agreeWithHaproxyOrDivergeAsDocumented() throws Exception {
    Map<Integer, Case> byLine = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(List.of("defaults", "  mode http", "  timeout client 1s",
        "  timeout server 1s", "  timeout connect 1s", "frontend f", "  bind 127.0.0.1:1"));
    for (int i = 0; i < CASES.size(); i++) {
      lines.add("  acl a" + i + " src " + CASES.get(i).network());
      byLine.put(lines.size(), CASES.get(i));
    }
    Path cfg = dir.resolve("networks.cfg");
    Files.writeString(cfg, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    HaproxyCheck.Run run = HaproxyCheck.check(cfg);
    Set<Integer> rejected = run.alertLines();

    assertThat(byLine.keySet()).as("every alert names a case's line:%n%s", run.output()).containsAll(rejected);
    List<String> wrong = new ArrayList<>();
    byLine.forEach((line, c) -> {
      boolean theirs = !rejected.contains(line);
      boolean ours = weAccept(c.network());
      if (c.divergence() == null && ours != theirs) {
        wrong.add(c.network() + ": haproxy " + verdict(theirs) + ", HAKit " + verdict(ours));
      } else if (c.divergence() != null && ours == theirs) {
        wrong.add(c.network() + ": documented divergence is gone (both " + verdict(ours) + ")");
      }
    });
    assertThat(wrong).isEmpty();
    assertThat(rejected).as("both verdicts occur").isNotEmpty().hasSizeLessThan(CASES.size());
  }

  private static boolean weAccept(String network) {
    try {
      Cidr.parse(network);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String verdict(boolean accepted) {
    return accepted ? "accepts" : "rejects";
  }
}
