package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's haproxy.cfg, read by ha-config-haproxy, runs unchanged but for its ports. */
@ExtendWith(LeakGuard.class)
class SeedConfigTest {

  @Test
  void seedConfig_readAndRun_staticRoutedAppWithoutServers503() throws Exception {
    String text;
    try (InputStream in = SeedConfigTest.class.getResourceAsStream("/seed/haproxy.cfg")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (TestOrigin stat = TestOrigin.start("static")) {
      int port = FreePorts.next();
      String local = text.replace("*:5000", "127.0.0.1:" + port).replace("127.0.0.1:4331", "127.0.0.1:" + stat.port());
      ProxyModel model = new HaproxyConfigReader().read("haproxy.cfg", local).model();
      try (ProxyFixture p = new ProxyFixture(model, port, TransportKind.AUTO)) {
        assertThat(p.get("/images/logo.PNG").headers().firstValue("x-origin")).hasValue("static");
        TestOrigin.Received r = stat.next();
        assertThat(r.path()).isEqualTo("/images/logo.PNG");
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(r.header("x-forwarded-for")).isNull();
        String out = RawClient.exchange(port, "GET /app HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
        assertThat(out).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        assertThat(p.proxy.backendHealth("app").current().isUp()).isFalse();
        assertThat(p.proxy.backendHealth("static").current().isUp()).isTrue();
      }
    }
  }
}
