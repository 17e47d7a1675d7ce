package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.HaException;
import io.hakit.core.model.ProxyModel;
import org.junit.jupiter.api.Test;

/**
 * A format the runtime cannot evaluate fails {@link ProxyServer.Builder#build()}, naming the
 * config's file:line, the fetch, converter or variable, and the closest known name.
 */
class LogFormatBuildTest {
  private static ProxyModel model(String frontendLines) {
    String cfg = String.join("\n", "defaults", "  mode http", "  timeout connect 5s", "  timeout client 5s",
        "  timeout server 5s", "frontend main", "  bind 127.0.0.1:1", frontendLines, "  default_backend app",
        "backend app", "  server a 127.0.0.1:2", "");
    return new HaproxyConfigReader().read("haproxy.cfg", cfg).model();
  }

  @Test
  void build_logFormatWithUnknownConverter_namesFrontendLineAndSuggestion() {
    ProxyModel m = model("  log-format \"%ci %[src,lowr]\"");
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessageContaining("frontend 'main' at haproxy.cfg:6: failed to parse log-format : failed to parse sample"
            + " expression <src,lowr]> : unknown converter 'lowr'; did you mean 'lower'?");
  }

  @Test
  void build_logFormatReadingRequestHeaders_refusedAsHaproxyDoes() {
    ProxyModel m = model("  log-format \"%[req.hdr(host)]\"");
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessageContaining("sample fetch <req.hdr(host)]> may not be reliably used here because it needs 'HTTP request"
            + " headers' which is not available here.");
  }

  @Test
  void build_setHeaderWithUnsupportedFetch_namesRuleLine() {
    ProxyModel m = model("  http-request set-header X-C \"%[req.cook(sid)]\"");
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessageContaining("parsing [haproxy.cfg:8] : error detected in frontend 'main' while parsing 'http-request"
            + " set-header' rule : failed to parse sample expression <req.cook(sid)]> : unknown fetch method 'req.cook'")
        .hasMessageContaining("(this runtime supports: base, be_name,");
  }

  @Test
  void build_addHeaderWithStatusAtRequestTime_refused() {
    ProxyModel m = model("  http-request add-header X-S \"%[status]\"");
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessageContaining("parsing [haproxy.cfg:8]")
        .hasMessageContaining("needs 'HTTP response' which is not available here.");
  }
}
