package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hakit.core.Origin;
import io.hakit.core.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value records of the model: each validating constructor, its message, its defaults. */
class ValueRecordsTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 60);

  @Test
  void balanceSpec_emptyAlgorithm_isRejectedAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new BalanceSpec("", List.of(), HashSpec.DEFAULT, AT))
        .withMessage("haproxy.cfg:60: balance: algorithm: empty (expected: roundrobin, leastconn, source, ...)");
  }

  @Test
  void balanceSpec_of_keepsNameAndArgs() {
    BalanceSpec spec = BalanceSpec.of("url_param", "userid", "check_post");

    assertThat(spec.algorithm()).isEqualTo("url_param");
    assertThat(spec.args()).containsExactly("userid", "check_post");
    assertThat(spec.hash()).isEqualTo(HashSpec.DEFAULT);
    assertThat(BalanceSpec.ROUND_ROBIN.algorithm()).isEqualTo("roundrobin");
  }

  @Test
  void hashSpec_values_areCheckedAgainstHaproxyKeywords() {
    assertThat(new HashSpec("consistent", "wt6", "avalanche").method()).isEqualTo("consistent");
    assertThat(HashSpec.DEFAULT).isEqualTo(new HashSpec("map-based", "sdbm", null));
    assertThatIllegalArgumentException().isThrownBy(() -> new HashSpec("ring", "sdbm", null))
        .withMessage("hash-type method: ring (expected: map-based or consistent)");
    assertThatIllegalArgumentException().isThrownBy(() -> new HashSpec("consistent", "md5", null))
        .withMessage("hash-type function: md5 (expected: sdbm, djb2, wt6, crc32 or none)");
    assertThatIllegalArgumentException().isThrownBy(() -> new HashSpec("consistent", "sdbm", "x"))
        .withMessage("hash-type modifier: x (expected: avalanche)");
  }

  @Test
  void capture_length_isOneTo65535() {
    assertThat(new Capture(Capture.Kind.REQUEST_HEADER, "Host", 64, AT).length()).isEqualTo(64);
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Capture(Capture.Kind.COOKIE, "SID", 0, AT))
        .withMessage("haproxy.cfg:60: capture len: 0 (expected: 1-65535)");
  }

  @Test
  void forwardFor_defaultsAndEmptyHeader() {
    ForwardFor on = ForwardFor.enabled();

    assertThat(on.header()).isEqualTo("X-Forwarded-For");
    assertThat(on.except()).isNull();
    assertThat(on.ifNone()).isFalse();
    assertThat(new ForwardFor(Cidr.parse("127.0.0.0/8"), "X-Real-IP", true).except())
        .isEqualTo(Cidr.parse("127.0.0.0/8"));
    assertThatIllegalArgumentException().isThrownBy(() -> new ForwardFor(null, "", false))
        .withMessage("header: empty (expected: a header name)");
  }

  @Test
  void httpCheckExpect_matcher_isOneOfHaproxys() {
    assertThat(new HttpCheckExpect(true, "rstatus", "^5").negated()).isTrue();
    assertThatIllegalArgumentException().isThrownBy(() -> new HttpCheckExpect(false, "body", "ok"))
        .withMessage("http-check expect matcher: body (expected: status, rstatus, string, rstring, hdr or fhdr)");
  }

  @Test
  void healthCheckSpec_http_hasKindAndRequest() {
    HealthCheckSpec spec = HealthCheckSpec.http("GET", "/health");

    assertThat(spec.kind()).isEqualTo(HealthCheckSpec.Kind.HTTP);
    assertThat(spec.method()).isEqualTo("GET");
    assertThat(spec.uri()).isEqualTo("/health");
    assertThat(HealthCheckSpec.TCP_CONNECT.kind()).isEqualTo(HealthCheckSpec.Kind.TCP);
  }

  @Test
  void httpAction_statusAndCodes_areRangeChecked() {
    assertThat(new HttpAction.Deny(403).keyword()).isEqualTo("deny");
    assertThatIllegalArgumentException().isThrownBy(() -> new HttpAction.Deny(199))
        .withMessage("deny_status: 199 (expected: 200-599)");
    assertThatIllegalArgumentException().isThrownBy(() -> new HttpAction.Deny(600));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpAction.Return(100, null, null, null, List.of()))
        .withMessage("status: 100 (expected: 200-599)");
    assertThat(new HttpAction.Redirect("scheme", "https", 301, List.of()).keyword()).isEqualTo("redirect");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpAction.Redirect("path", "/x", 302, List.of()))
        .withMessage("redirect type: path (expected: location, prefix or scheme)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpAction.Redirect("location", "/x", 300, List.of()))
        .withMessage("redirect code: 300 (expected: 301, 302, 303, 307 or 308)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpAction.ReplaceHeader("replace-uri", "Host", "a", "b"))
        .withMessage("keyword: replace-uri (expected: replace-header or replace-value)");
    assertThat(new HttpAction.ReplaceHeader("replace-value", "Host", "a", "b").keyword()).isEqualTo("replace-value");
  }

  @Test
  void httpAction_keywords_matchHaproxy() {
    assertThat(new HttpAction.Allow().keyword()).isEqualTo("allow");
    assertThat(new HttpAction.SetHeader("X", "1").keyword()).isEqualTo("set-header");
    assertThat(new HttpAction.AddHeader("X", "1").keyword()).isEqualTo("add-header");
    assertThat(new HttpAction.DelHeader("X", null).keyword()).isEqualTo("del-header");
    assertThat(new HttpAction.SetPath("/x").keyword()).isEqualTo("set-path");
    assertThat(new HttpAction.Other("set-var(txn.x)", List.of("str(1)")).keyword()).isEqualTo("set-var(txn.x)");
  }

  @Test
  void statsSpec_auth_mustBeUserColonPassword() {
    StatsSpec stats = new StatsSpec(true, "/stats", List.of("admin:secret"), "HAProxy", null, null, true, List.of());

    assertThat(stats.auth()).containsExactly("admin:secret");
    assertThat(StatsSpec.DISABLED.uri()).isEqualTo("/haproxy?stats");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new StatsSpec(true, "/stats", List.of(":secret"), null, null, null, false, List.of()))
        .withMessage("stats auth: ':secret' (expected: user:password)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new StatsSpec(true, "/stats", List.of("admin"), null, null, null, false, List.of()));
  }

  @Test
  void logSettings_formatOnlyWithCustomStyle() {
    assertThat(new LogSettings(List.of(), LogStyle.CUSTOM, "%ci", false, false).format()).isEqualTo("%ci");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LogSettings(List.of(), LogStyle.CUSTOM, null, false, false))
        .withMessage("format: null (expected: set exactly when style is CUSTOM)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LogSettings(List.of(), LogStyle.HTTPLOG, "%ci", false, false));
  }

  @Test
  void logSettings_formatOrigin_keptAndUnknownInCode() {
    Origin at = Origin.of("h.cfg", 12);
    assertThat(new LogSettings(List.of(), LogStyle.CUSTOM, "%ci", false, false, at).formatOrigin()).isEqualTo(at);
    assertThat(new LogSettings(List.of(), LogStyle.CUSTOM, "%ci", false, false).formatOrigin())
        .isEqualTo(Origin.UNKNOWN);
    assertThatExceptionOfType(NullPointerException.class)
        .isThrownBy(() -> new LogSettings(List.of(), LogStyle.NONE, null, false, false, null))
        .withMessage("formatOrigin");
  }

  @Test
  void logTarget_global_isRecognised() {
    assertThat(new LogTarget("global", List.of(), AT).isGlobal()).isTrue();
    assertThat(new LogTarget("127.0.0.1", List.of("local2"), AT).isGlobal()).isFalse();
  }

  @Test
  void httpConnectionMode_strongest_isTheOneThatClosesMore() {
    assertThat(HttpConnectionMode.strongest(HttpConnectionMode.KEEP_ALIVE, HttpConnectionMode.SERVER_CLOSE))
        .isEqualTo(HttpConnectionMode.SERVER_CLOSE);
    assertThat(HttpConnectionMode.strongest(HttpConnectionMode.CLOSE, HttpConnectionMode.SERVER_CLOSE))
        .isEqualTo(HttpConnectionMode.CLOSE);
    assertThat(HttpConnectionMode.strongest(HttpConnectionMode.KEEP_ALIVE, HttpConnectionMode.KEEP_ALIVE))
        .isEqualTo(HttpConnectionMode.KEEP_ALIVE);
    assertThat(HttpConnectionMode.SERVER_CLOSE.option()).isEqualTo("http-server-close");
  }

  @Test
  void mode_keyword_isLowerCase() {
    assertThat(Mode.HTTP.keyword()).isEqualTo("http");
    assertThat(Mode.TCP.keyword()).isEqualTo("tcp");
  }

  @Test
  void setting_of_keepsKeywordAndArgs() {
    Setting s = Setting.of("stats", "socket", "/var/lib/haproxy/stats");

    assertThat(s.keyword()).isEqualTo("stats");
    assertThat(s.args()).containsExactly("socket", "/var/lib/haproxy/stats");
    assertThat(s.origin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void predefinedAcls_containTheManualsNames() {
    assertThat(PredefinedAcls.NAMES).contains("TRUE", "FALSE", "LOCALHOST", "METH_GET", "HTTP", "HTTP_1.1",
        "REQ_CONTENT", "WAIT_END");
    assertThat(PredefinedAcls.NAMES).doesNotContain("url_static", "true");
  }
}
