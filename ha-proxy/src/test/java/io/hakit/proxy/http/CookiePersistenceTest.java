package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.HaException;
import io.hakit.core.Origin;
import io.hakit.core.model.Backend;
import io.hakit.core.model.CookieSpec;
import io.hakit.proxy.Models;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.balance.BalancerRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request cookie matching and editing, Set-Cookie processing and building, with the expected
 * values observed on haproxy 2.6.12 (see CookieDifferentialIT for the live comparison).
 */
class CookiePersistenceTest {
  /** 2026-11-25T00:00:00Z, in seconds. */
  private static final long NOW = 1795564800L;

  private static BackendState backend(String lines) {
    String cfg = "defaults\n mode http\n timeout client 1s\n timeout server 1s\n timeout connect 1s\n"
        + "backend b\n " + lines.replace("\n", "\n ") + "\n";
    Backend b = new HaproxyConfigReader().read("t.cfg", cfg).model().backends().get(0);
    return new BackendState(b, BalancerRegistry.load().factory(b.balance()));
  }

  private static final String SERVERS = "server s1 127.0.0.1:1 cookie c1\nserver s2 127.0.0.1:2 cookie c2\n"
      + "server s3 127.0.0.1:3";

  private static HttpHead request(String method, String... headers) {
    HttpHead h = new HttpHead();
    h.setRequestLine(method, "/", 11);
    for (String line : headers) {
      int c = line.indexOf(':');
      h.add(line.substring(0, c).toLowerCase(java.util.Locale.ROOT), line.substring(c + 1).strip());
    }
    return h;
  }

  private static HttpHead response(int status, String... headers) {
    HttpHead h = request("", headers);
    h.method = "";
    h.status = status;
    return h;
  }

  private static List<String> headers(HttpHead h) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < h.headerCount(); i++) {
      out.add(h.headerName(i) + ": " + h.headerValue(i));
    }
    return out;
  }

  private static ServerState server(BackendState be, String name) {
    return be.servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static CookieTransaction onRequest(CookiePersistence p, HttpHead req) {
    CookieTransaction t = new CookieTransaction(p);
    p.onRequest(req, t, NOW);
    return t;
  }

  @Test
  void onRequest_insertIndirect_designatesServerAndRemovesOnlyItsCookie() {
    BackendState be = backend("cookie SRV insert indirect nocache\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(be);
    HttpHead req = request("GET", "Cookie: x=1; SRV=c2; y=2, SRV=c1, z=3", "Cookie: SRV=c1");
    CookieTransaction t = onRequest(p, req);
    assertThat(t.direct).isSameAs(server(be, "s2"));
    assertThat(t.flags()).isEqualTo("VN");
    assertThat(headers(req)).containsExactly("cookie: x=1; y=2, z=3");
  }

  @Test
  void onRequest_noCookieInvalidOrEmpty_flagsNAndI() {
    CookiePersistence p = CookiePersistence.of(backend("cookie SRV insert indirect\n" + SERVERS));
    assertThat(onRequest(p, request("GET")).flags()).isEqualTo("NN");
    assertThat(onRequest(p, request("GET", "Cookie: SRV=zz")).flags()).isEqualTo("IN");
    CookieTransaction empty = onRequest(p, request("GET", "Cookie: SRV="));
    assertThat(empty.direct).isNull();
    assertThat(empty.flags()).isEqualTo("IN");
  }

  @Test
  void onRequest_downServer_ignoredUnlessPersist() {
    BackendState be = backend("cookie SRV insert indirect\nserver s1 127.0.0.1:1 cookie c1\n"
        + "server s2 127.0.0.1:2 cookie c2 disabled");
    CookieTransaction t = onRequest(CookiePersistence.of(be), request("GET", "Cookie: SRV=c2; SRV=zz"));
    assertThat(t.direct).isNull();
    assertThat(t.request).isEqualTo('D');
    BackendState persist = backend("cookie SRV insert indirect\noption persist\nserver s1 127.0.0.1:1 cookie c1\n"
        + "server s2 127.0.0.1:2 cookie c2 disabled");
    CookieTransaction p = onRequest(CookiePersistence.of(persist), request("GET", "Cookie: SRV=c2"));
    assertThat(p.direct).isSameAs(server(persist, "s2"));
    assertThat(p.request).isEqualTo('D');
    // A redispatch (a pick that must avoid a server) breaks the persistence.
    assertThat(p.server(server(persist, "s2"))).isNull();
    assertThat(p.direct).isNull();
  }

  @Test
  void onRequest_spacesAroundEquals_droppedAndDollarAttributesGoWithTheirCookie() {
    CookiePersistence p = CookiePersistence.of(backend("cookie SRV insert indirect\n" + SERVERS));
    HttpHead req = request("GET", "Cookie: SRV = c1 ; a = b", "Cookie: $Version=1; SRV=c2; $Path=/");
    CookieTransaction t = onRequest(p, req);
    assertThat(t.direct.name()).isEqualTo("s1");
    assertThat(headers(req)).containsExactly("cookie: a=b");
  }

  @Test
  void onRequest_prefix_stripsServerPartOfEveryPersistenceCookie() {
    CookiePersistence p = CookiePersistence.of(backend("cookie JS prefix\n" + SERVERS));
    HttpHead req = request("GET", "Cookie: JS=c1~a~b, JS=c2~x; o=1");
    CookieTransaction t = onRequest(p, req);
    assertThat(t.direct.name()).isEqualTo("s1");
    assertThat(headers(req)).containsExactly("cookie: JS=a~b, JS=x; o=1");
    HttpHead unknown = request("GET", "Cookie: JS=zz~abc");
    assertThat(onRequest(p, unknown).flags()).isEqualTo("IN");
    assertThat(headers(unknown)).containsExactly("cookie: JS=abc");
  }

  @Test
  void onResponse_insert_setCookieWithAttributesAndPrivateWhenCacheable() {
    BackendState be = backend("cookie SRV insert nocache domain .a.example domain b.example httponly secure"
        + " attr SameSite=Lax\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(be);
    HttpHead req = request("GET");
    CookieTransaction t = onRequest(p, req);
    HttpHead resp = response(200, "Content-Length: 0", "ETag: \"1\"", "Set-Cookie: SRV=own; path=/");
    p.onResponse(req, resp, server(be, "s1"), t, NOW);
    assertThat(headers(resp)).containsExactly("content-length: 0", "etag: \"1\"",
        "set-cookie: SRV=c1; path=/; domain=.a.example; domain=b.example; HttpOnly; Secure; SameSite=Lax",
        "cache-control: private");
    assertThat(t.flags()).isEqualTo("NI");
  }

  @Test
  void onResponse_serverWithoutCookie_toldToDropIt() {
    BackendState be = backend("cookie SRV insert\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(be);
    HttpHead req = request("GET");
    CookieTransaction t = onRequest(p, req);
    HttpHead resp = response(200);
    p.onResponse(req, resp, server(be, "s3"), t, NOW);
    assertThat(headers(resp)).containsExactly("set-cookie: SRV=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/");
  }

  @Test
  void onResponse_validCookie_nothingInsertedAndServerCookieDeletedUnderIndirect() {
    BackendState be = backend("cookie SRV insert indirect\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(be);
    HttpHead req = request("GET", "Cookie: SRV=c1");
    CookieTransaction t = onRequest(p, req);
    HttpHead resp = response(200, "Set-Cookie: SRV=x", "Set-Cookie: o=1");
    p.onResponse(req, resp, server(be, "s1"), t, NOW);
    assertThat(headers(resp)).containsExactly("set-cookie: o=1");
    assertThat(t.flags()).isEqualTo("VD");
  }

  @Test
  void onResponse_rewriteAndPrefix_editTheServersCookie() {
    BackendState rw = backend("cookie SRV rewrite\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(rw);
    HttpHead req = request("GET");
    CookieTransaction t = onRequest(p, req);
    HttpHead resp = response(200, "Set-Cookie:  SRV = spaced ; path=/");
    p.onResponse(req, resp, server(rw, "s2"), t, NOW);
    assertThat(headers(resp)).containsExactly("set-cookie: SRV=c2 ; path=/");
    assertThat(t.flags()).isEqualTo("NR");

    BackendState pfx = backend("cookie JS prefix\n" + SERVERS);
    CookiePersistence q = CookiePersistence.of(pfx);
    CookieTransaction u = onRequest(q, req);
    HttpHead resp2 = response(200, "Set-Cookie: JS=abc; path=/");
    q.onResponse(req, resp2, server(pfx, "s1"), u, NOW);
    assertThat(headers(resp2)).containsExactly("set-cookie: JS=c1~abc; path=/");
  }

  @Test
  void onResponse_postonlyPreserve_onlyPostAndNotWhenServerSetsIt() {
    BackendState be = backend("cookie SRV insert postonly preserve\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(be);
    HttpHead get = request("GET");
    HttpHead r1 = response(200);
    p.onResponse(get, r1, server(be, "s1"), onRequest(p, get), NOW);
    assertThat(headers(r1)).isEmpty();
    HttpHead post = request("POST");
    HttpHead r2 = response(200, "Set-Cookie: SRV=; Max-Age=0");
    CookieTransaction t = onRequest(p, post);
    p.onResponse(post, r2, server(be, "s1"), t, NOW);
    assertThat(headers(r2)).containsExactly("set-cookie: SRV=; Max-Age=0");
    assertThat(t.flags()).isEqualTo("NP");
  }

  @Test
  void maxidleMaxlife_datesWrittenAndOldCookiesIgnored() {
    BackendState be = backend("cookie SRV insert maxidle 30m maxlife 2h\n" + SERVERS);
    CookiePersistence p = CookiePersistence.of(be);
    HttpHead req = request("GET");
    CookieTransaction t = onRequest(p, req);
    HttpHead resp = response(200);
    p.onResponse(req, resp, server(be, "s1"), t, NOW);
    StringBuilder date = new StringBuilder();
    CookieText.encode30(date, (NOW + 3) >> 2);
    assertThat(headers(resp)).containsExactly("set-cookie: SRV=c1|" + date + "|" + date + "; path=/");
    // Presented again at once: valid, nothing to refresh within the 4-second step.
    CookieTransaction again = onRequest(p, request("GET", "Cookie: SRV=c1|" + date + "|" + date));
    assertThat(again.direct.name()).isEqualTo("s1");
    assertThat(again.lastDate).isEqualTo(((NOW + 3) >> 2) << 2);
    // Dated 1970: too old (maxlife), ignored.
    CookieTransaction old = onRequest(p, request("GET", "Cookie: SRV=c2|AAAAB|AAAAB"));
    assertThat(old.direct).isNull();
    assertThat(old.request).isEqualTo('O');
  }

  @Test
  void passive_flagsNotLogged() {
    BackendState be = backend("cookie SRV\n" + SERVERS);
    CookieTransaction t = onRequest(CookiePersistence.of(be), request("GET", "Cookie: SRV=c2"));
    assertThat(t.direct.name()).isEqualTo("s2");
    assertThat(t.flags()).isEqualTo("--");
  }

  /** A model built without the config reader (which rejects these options first). */
  private static CookiePersistence compile(String... options) {
    Backend b = Models.seedBackend("b").server(Models.server("s1", 1))
        .cookie(new CookieSpec("SRV", List.of(options), Origin.UNKNOWN)).build();
    return CookiePersistence.of(new BackendState(b, BalancerRegistry.load().factory(b.balance())));
  }

  @Test
  void compile_badOptions_haproxyMessages() {
    assertThatThrownBy(() -> compile("insert", "rewrite"))
        .isInstanceOf(HaException.class).hasMessageContaining("modes are incompatible");
    assertThatThrownBy(() -> compile("rewrite", "indirect"))
        .isInstanceOf(HaException.class).hasMessageContaining("'rewrite' and 'indirect' modes are incompatible");
    assertThatThrownBy(() -> compile("bogus"))
        .isInstanceOf(HaException.class).hasMessageContaining("'cookie' supports 'rewrite', 'insert'");
    assertThatThrownBy(() -> compile("insert", "maxidle", "10x"))
        .isInstanceOf(HaException.class).hasMessageContaining("10x");
    assertThatThrownBy(() -> compile("preserve"))
        .isInstanceOf(HaException.class).hasMessageContaining("'preserve' requires at least 'insert' or 'indirect'");
    assertThat(compile("insert", "maxidle", "30m", "maxlife", "2h").maxIdle).isEqualTo(1800);
  }

  @Test
  void of_backendWithoutCookie_null() {
    assertThat(CookiePersistence.of(backend(SERVERS))).isNull();
  }
}
