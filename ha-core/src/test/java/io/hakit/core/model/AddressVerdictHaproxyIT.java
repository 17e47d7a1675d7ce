package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our verdict on {@code bind} and {@code server} addresses against haproxy 2.6's own ({@code
 * haproxy -c}). Each address sits on its own line of one generated config; haproxy reports errors
 * by line, and because it stops before its post-parse checks (where server addresses are resolved)
 * when parsing failed, failing lines are dropped and the rest checked again until a run is clean.
 *
 * <p>haproxy runs in a fresh network namespace ({@code unshare --net}) with no interface up, so a
 * host name it tries to resolve never leaves the machine: only {@code /etc/hosts} answers.
 *
 * <p>Where we knowingly differ, the case says why; the test also fails when such a difference
 * disappears, so the list stays true.
 */
class AddressVerdictHaproxyIT {
  /** Address, context, and why we differ (null: we must agree). */
  private record Case(String context, String address, String divergence) {}

  private static final List<Case> CASES = List.of(
      bind("*:5000"), bind(":80"), bind("0.0.0.0:80"), bind("[::]:443"), bind("[::1]:8443"),
      bind("127.0.0.1:8000-8010"), bind("127.0.0.1:1-65535"), bind("127.0.0.1:65535"), bind("127.0.0.1:080"),
      bind("ipv4@:80"), bind("ipv4@*:80"), bind("ipv6@:80"), bind("ipv6@*:80"), bind("ipv4@127.0.0.1:80"),
      bind("ipv4@localhost:80"), bind("ipv6@::1:80"), bind("ipv6@[::1]:80"), bind("tcp@:80"), bind("tcp4@127.0.0.1:80"),
      bind("tcp6@[::1]:80"), bind("unix@/tmp/hakit-it.sock"), bind("/tmp/hakit-it.sock"), bind("/tmp/a@b.sock"),
      bind("localhost:8080"), bind("::1:80"), bind(":::8080"), bind("[2001:DB8::1]:80"), bind("[::ffff:127.0.0.1]:80"),
      bind("127.0.0.1"), bind("localhost"), bind("[::1]"), bind("*"), bind(":"), bind("127.0.0.1:0"),
      bind("127.0.0.1:70000"), bind("127.0.0.1:8010-8000"), bind("127.0.0.1:abc"), bind("127.0.0.1:80-"),
      bind("127.0.0.1:+1"), bind("127.0.0.1:-1"), bind("::80"), bind("[::1]80"), bind("[1.2.3.4::]:80"),
      bind("ipv4@[::1]:80"), bind("ipv6@127.0.0.1:80"), bind("IPV4@127.0.0.1:80"), bind("[fe80::1%lo]:80"),
      bind("127.000.000.001:80"),
      bind("010.0.0.1:80", "HAProxy reads 010 as octal (8.0.0.1, libc inet_aton); we refuse the ambiguity"),
      bind("unix@", "HAProxy's check accepts an empty socket path; we say 'missing socket path' at once"),
      server("127.0.0.1:4331"), server("127.0.0.1"), server("127.0.0.1:+1000"), server("127.0.0.1:-10"),
      server("127.0.0.1:+0"), server("[::1]"), server("[::1]:80"), server("::1:80"), server("ipv6@::1:80"),
      server("ipv6@[::1]:80"), server("localhost"), server("localhost:80"), server("ipv4@localhost"),
      server("unix@/tmp/hakit-it.sock"), server("/tmp/hakit-it.sock"), server("127.0.0.1:080"),
      server("127.0.0.1:8000-8010"), server("::1"), server("ipv6@::1"), server("[::1"), server("1::2::3:80"),
      server("fe80::1%lo:80"), server("[fe80::1%lo]:80"), server("IPV4@127.0.0.1:80"),
      server("nosuchhost-hakit:80", "HAProxy resolves server names while checking; we keep names for the runtime"),
      server("127.0.0.1:0", "HAProxy reads server port 0 as 'no port'; we want that written as no port"),
      server("127.0.0.1:+70000", "HAProxy takes any offset; we bound it to -65535..+65535"),
      server("*:80", "HAProxy lets a server be the wildcard (connect to the client's destination); the model refuses"),
      server("0.0.0.0:80", "as *:80"),
      server(":80", "as *:80"));

  @TempDir
  Path dir;

  private static Case bind(String address) {
    return new Case("bind", address, null);
  }

  private static Case bind(String address, String divergence) {
    return new Case("bind", address, divergence);
  }

  private static Case server(String address) {
    return new Case("server", address, null);
  }

  private static Case server(String address, String divergence) {
    return new Case("server", address, divergence);
  }

  @BeforeAll
  static void prerequisites() {
    HaproxyCheck.prerequisites();
  }

  @Test
  void verdicts_everyAddress_agreeWithHaproxyOrDivergeAsDocumented() throws Exception {
    Map<Case, Boolean> haproxyVerdicts = haproxyVerdicts(CASES);
    List<String> wrong = new ArrayList<>();
    for (Case c : CASES) {
      boolean theirs = haproxyVerdicts.get(c);
      boolean ours = weAccept(c);
      if (c.divergence() == null && ours != theirs) {
        wrong.add(c.context() + " " + c.address() + ": haproxy " + verdict(theirs) + ", HAKit " + verdict(ours));
      } else if (c.divergence() != null && ours == theirs) {
        wrong.add(c.context() + " " + c.address() + ": documented divergence is gone (both " + verdict(ours) + ")");
      }
    }

    assertThat(wrong).isEmpty();
    assertThat(haproxyVerdicts.values()).as("both verdicts occur").contains(true, false);
  }

  private static String verdict(boolean accepted) {
    return accepted ? "accepts" : "rejects";
  }

  private static boolean weAccept(Case c) {
    Origin origin = Origin.of("it.cfg", 1);
    try {
      Endpoint address = Endpoint.parse(c.address());
      if (c.context().equals("bind")) {
        new Bind(address, null, 0, 0, List.of(), origin);
      } else {
        Server.builder("s", address).origin(origin).build();
      }
      return true;
    } catch (IllegalArgumentException | ModelException e) {
      return false;
    }
  }

  /** Runs haproxy -c until a run is clean, dropping the lines it reported; bounded by the case count. */
  private Map<Case, Boolean> haproxyVerdicts(List<Case> cases) throws IOException, InterruptedException {
    Map<Case, Boolean> verdicts = new LinkedHashMap<>();
    List<Case> pending = new ArrayList<>(cases);
    for (int round = 0; round < cases.size() && !pending.isEmpty(); round++) {
      Map<Integer, Case> byLine = new LinkedHashMap<>();
      Path cfg = dir.resolve("round" + round + ".cfg");
      Files.writeString(cfg, config(pending, byLine), StandardCharsets.UTF_8);
      HaproxyCheck.Run run = HaproxyCheck.check(cfg);
      if (run.exit() == 0) {
        pending.forEach(c -> verdicts.put(c, true));
        return verdicts;
      }
      Set<Case> failed = new HashSet<>();
      for (int line : run.alertLines()) {
        if (byLine.containsKey(line)) {
          failed.add(byLine.get(line));
        }
      }
      assertThat(failed).as("haproxy failed without naming a case's line:%n%s", run.output()).isNotEmpty();
      failed.forEach(c -> verdicts.put(c, false));
      pending.removeAll(failed);
    }
    pending.forEach(c -> verdicts.put(c, true));
    return verdicts;
  }

  /** One frontend per bind case, one backend per server case; records which line holds which case. */
  private static String config(List<Case> cases, Map<Integer, Case> byLine) {
    List<String> lines = new ArrayList<>(List.of(
        "defaults", "  mode tcp", "  timeout client 1s", "  timeout server 1s", "  timeout connect 1s",
        "backend ok", "  server s 127.0.0.1:9"));
    int n = 0;
    for (Case c : cases) {
      n++;
      if (c.context().equals("bind")) {
        lines.add("frontend f" + n);
        lines.add("  default_backend ok");
        lines.add("  bind " + c.address());
      } else {
        lines.add("backend b" + n);
        lines.add("  server s " + c.address());
      }
      byLine.put(lines.size(), c);
    }
    return String.join("\n", lines) + "\n";
  }
}
