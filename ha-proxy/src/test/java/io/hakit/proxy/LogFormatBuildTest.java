package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.HaException;
import io.hakit.core.model.ProxyModel;
import org.junit.jupiter.api.Test;

/**
 * A format the runtime cannot evaluate fails {@link ProxyServer.Builder#build()}, naming the
 * file:line of the statement that holds it (not the frontend's) in HAProxy's words, the fetch,
 * converter or variable, and the closest known name.
 */
class LogFormatBuildTest {
  private static ProxyModel model(String frontendLines) {
    String cfg = String.join("\n", "defaults", "  mode http", "  timeout connect 5s", "  timeout client 5s",
        "  timeout server 5s", "frontend main", "  bind 127.0.0.1:1", frontendLines, "  default_backend app",
        "backend app", "  server a 127.0.0.1:2", "");
    return new HaproxyConfigReader().read("haproxy.cfg", cfg).model();
  }

  @Test
  void build_logFormatWithUnknownConverter_namesLogFormatLineAndSuggestion() {
    ProxyModel m = model("  log-format \"%ci %[src,lowr]\"");
    // haproxy -c: Parsing [haproxy.cfg:8]: failed to parse log-format : failed to parse sample expression
    // <src,lowr]> : unknown converter 'lowr'.
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessageStartingWith("Parsing [haproxy.cfg:8]: failed to parse log-format : failed to parse sample"
            + " expression <src,lowr]> : unknown converter 'lowr'; did you mean 'lower'?");
  }

  @Test
  void build_uniqueIdFormatWithUnsupportedFetch_namesItsLine() {
    ProxyModel m = model("  option httplog\n  unique-id-format \"%ci_%[req.cook(sid)]\"");
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessageStartingWith("Parsing [haproxy.cfg:9]: failed to parse unique-id : failed to parse sample"
            + " expression <req.cook(sid)]> : unknown fetch method 'req.cook'");
  }

  @Test
  void build_redirectAndReturnWithUnsupportedFetch_nameTheirRuleLine() {
    ProxyModel redirect = model("  http-request deny if FALSE\n  http-request redirect location \"/%[req.cook(sid)]\"");
    assertThatThrownBy(() -> ProxyServer.builder(redirect).build()).isInstanceOf(HaException.class)
        .hasMessageStartingWith("parsing [haproxy.cfg:9] : error detected in frontend 'main' while parsing"
            + " 'http-request redirect' rule : failed to parse sample expression <req.cook(sid)]>");
    ProxyModel ret = model("  http-request return status 200 content-type text/plain lf-string \"%[req.cook(a)]\"");
    assertThatThrownBy(() -> ProxyServer.builder(ret).build()).isInstanceOf(HaException.class)
        .hasMessageStartingWith("parsing [haproxy.cfg:8] : error detected in frontend 'main' while parsing"
            + " 'http-request return' rule : failed to parse sample expression <req.cook(a)]>");
  }

  @Test
  void build_logFormatReadingRequestHeaders_refusedAsHaproxyDoes() {
    ProxyModel m = model("  log-format \"%[req.hdr(host)]\"");
    assertThatThrownBy(() -> ProxyServer.builder(m).build()).isInstanceOf(HaException.class)
        .hasMessage("Parsing [haproxy.cfg:8]: failed to parse log-format : sample fetch <req.hdr(host)]> may not be"
            + " reliably used here because it needs 'HTTP request headers' which is not available here.");
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
