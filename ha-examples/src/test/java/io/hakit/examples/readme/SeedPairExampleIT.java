package io.hakit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.model.Backend;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.Interop;
import io.hakit.vrrp.config.KeepalivedConfig;
import io.hakit.vrrp.config.KeepalivedConfigReader;
import io.hakit.vrrp.config.VrrpInstanceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's two-node files (examples/seed-pair/) say what the README says, and the real
 * haproxy and keepalived accept them too: the same files run under either implementation.
 */
class SeedPairExampleIT {
  private static final Path DIR = Path.of("..", "examples", "seed-pair");

  @Test
  void haproxyCfg_isTheSeedWithAppServers() {
    ProxyModel model = new HaproxyConfigReader().read(List.of(DIR.resolve("haproxy.cfg"))).model();

    assertThat(model.frontend("main").orElseThrow().binds()).extracting(b -> b.address().toString())
        .containsExactly("*:5000");
    Backend app = model.backend("app").orElseThrow();
    assertThat(app.servers()).extracting(s -> s.name()).containsExactly("app1", "app2", "app3", "app4");
    assertThat(model.backend("static").orElseThrow().servers()).hasSize(1);
  }

  @Test
  void keepalivedConfs_masterAndBackupOfOneRouter() {
    VrrpInstanceSpec n1 = only(KeepalivedConfigReader.read(DIR.resolve("keepalived-n1.conf")));
    VrrpInstanceSpec n2 = only(KeepalivedConfigReader.read(DIR.resolve("keepalived-n2.conf")));

    assertThat(n1.vrid()).isEqualTo(51).isEqualTo(n2.vrid());
    assertThat(n1.priority()).isEqualTo(150);
    assertThat(n2.priority()).isEqualTo(100);
    assertThat(n1.virtualAddresses()).extracting(v -> v.address().getHostAddress() + "/" + v.prefixLength())
        .containsExactly("192.168.0.100/24");
    assertThat(n1.password()).isEqualTo(n2.password()).isEqualTo("hakit51");
  }

  @Test
  void realPeers_acceptTheSameFiles() throws Exception {
    Interop.require(Interop.binary("haproxy"), Interop.binary("keepalived"));

    assertThat(run("haproxy", "-c", "-f", DIR.resolve("haproxy.cfg").toString())).isEqualTo(0);
    for (String n : List.of("keepalived-n1.conf", "keepalived-n2.conf")) {
      assertThat(run("keepalived", "-t", "-f", DIR.resolve(n).toString())).as(n).isEqualTo(0);
    }
  }

  private static VrrpInstanceSpec only(KeepalivedConfig config) {
    assertThat(config.instances()).hasSize(1);
    return config.instances().get(0);
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + " finishes").isTrue();
    if (p.exitValue() != 0) {
      System.err.println(output);
    }
    return p.exitValue();
  }
}
