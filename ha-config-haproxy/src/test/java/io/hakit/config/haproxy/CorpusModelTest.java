package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Backend;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.HttpAction;
import io.hakit.core.model.HttpRule;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Server;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.net.Endpoint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Valid files of the differential corpus: the model carries what the file says. */
class CorpusModelTest {
  private static ProxyModel read(String resource) throws URISyntaxException {
    Path p = Path.of(CorpusModelTest.class.getClassLoader().getResource("cfg/" + resource).toURI());
    Map<String, String> env = Map.of("HAKIT_T1", "value1", "HAKIT_OPTS", "check inter 5s");
    return new HaproxyConfigReader(new HaproxyConfigReader.Options(true, env)).read(List.of(p)).model();
  }

  private static Frontend fe(ProxyModel m) {
    return m.frontend("fe").orElseThrow();
  }

  @Test
  void read_bindForms_oneBindPerAddress() throws URISyntaxException {
    List<Bind> binds = fe(read("bind/forms.cfg")).binds();
    assertThat(binds).extracting(b -> b.address().toString()).containsExactly("*:8001", "*:8002",
        "127.0.0.1:8003-8005", "[::1]:8006", "[::1]:8007", "127.0.0.1:8008", "127.0.0.1:8009");
    assertThat(binds.get(6)).extracting(Bind::name, Bind::maxconn, Bind::backlog).containsExactly("two", 100, 10);
  }

  @Test
  void read_serverOptions_defaultServerThenOwnWords() throws URISyntaxException {
    Backend be = read("server/options.cfg").backend("be").orElseThrow();
    Server s1 = be.server("s1");
    assertThat(s1.check().enabled()).isTrue();
    assertThat(s1.check().inter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s1.check().rise()).isEqualTo(4);
    assertThat(s1.check().fall()).isEqualTo(2);
    assertThat(s1.check().port()).isEqualTo(9090);
    assertThat(s1.check().addr()).isEqualTo("127.0.0.2");
    assertThat(s1).extracting(Server::weight, Server::backup, Server::maxconn, Server::maxqueue, Server::sendProxy,
        Server::disabled, Server::slowstart).containsExactly(10, true, 100, 5, true, true, Duration.ofSeconds(30));
    Server s2 = be.server("s2");
    assertThat(s2.check().enabled()).isFalse();
    assertThat(s2.disabled()).isFalse();
    assertThat(s2.cookie()).isEqualTo("c2");
    assertThat(s2.maxconn()).isEqualTo(100);
  }

  @Test
  void read_aclFlagsAndCondition() throws URISyntaxException {
    Frontend f = fe(read("acl/flags.cfg"));
    assertThat(f.acls()).extracting(Acl::name, Acl::fetch, a -> a.flags().ignoreCase(), a -> a.flags().matchMethod(),
        a -> a.flags().noDns(), Acl::patterns).containsExactly(
            tuple("a", "path_beg", true, null, false, List.of("/static", "/images")),
            tuple("b", "hdr(host)", true, "str", false, List.of("example.org")),
            tuple("c", "src", false, null, true, List.of("127.0.0.1", "10.0.0.0/8")),
            tuple("d", "path", false, null, false, List.of("-dash")),
            tuple("e", "req.hdr(host),lower", false, "end", false, List.of(".org")));
    assertThat(f.backendRules().get(0).condition().alternatives()).containsExactly(
        List.of(AclTerm.named("a"), AclTerm.named("b")),
        List.of(AclTerm.named("c").negate(), AclTerm.named("d"), AclTerm.named("e")));
  }

  @Test
  void read_httpActions_typedInOrder() throws URISyntaxException {
    Frontend f = fe(read("http/actions.cfg"));
    assertThat(f.httpRequestRules()).extracting(HttpRule::action).containsExactly(
        new HttpAction.Allow(), new HttpAction.Deny(429),
        new HttpAction.Return(200, "text/plain", "string", "ok", List.of()),
        new HttpAction.Redirect("location", "https://example.org", 301, List.of()),
        new HttpAction.Redirect("scheme", "https", 302, List.of("drop-query")),
        new HttpAction.SetHeader("X-A", "b"), new HttpAction.AddHeader("X-B", "c"),
        new HttpAction.DelHeader("X-C", "beg"), new HttpAction.SetPath("/new"),
        new HttpAction.ReplaceHeader("replace-header", "Host", "(.*)", "\\1"),
        new HttpAction.Other("set-var(txn.x)", List.of("str(y)")));
    assertThat(f.httpRequestRules().get(1).condition().alternatives().get(0).get(0).inline().patterns())
        .containsExactly("/b");
    assertThat(f.httpResponseRules()).extracting(HttpRule::action).containsExactly(
        new HttpAction.SetHeader("X-D", "e"), new HttpAction.ReplaceHeader("replace-value", "X-E", "a", "b"),
        new HttpAction.Deny(502));
  }

  @Test
  void read_statsListen_frontendHalfServesStats() throws URISyntaxException {
    ProxyModel m = read("stats/full.cfg");
    Frontend f = m.frontend("stats").orElseThrow();
    assertThat(f.stats().enabled()).isTrue();
    assertThat(f.stats().uri()).isEqualTo("/stats");
    assertThat(f.stats().refresh()).isEqualTo(Duration.ofSeconds(10));
    assertThat(f.stats().auth()).containsExactly("admin:secret");
    assertThat(f.stats().realm()).isEqualTo("HAKit");
    assertThat(f.stats().hideVersion()).isTrue();
    assertThat(f.stats().admin().alternatives()).containsExactly(List.of(AclTerm.named("LOCALHOST")));
    assertThat(f.defaultBackend()).isEqualTo("stats");
    assertThat(m.backend("stats").orElseThrow().servers()).isEmpty();
  }

  @Test
  void read_timeoutUnits_splitByCapability() throws URISyntaxException {
    ProxyModel m = read("timeout/units.cfg");
    assertThat(fe(m).timeouts().values()).containsOnlyKeys(TimeoutKind.CLIENT, TimeoutKind.HTTP_REQUEST,
        TimeoutKind.HTTP_KEEP_ALIVE, TimeoutKind.CLIENT_FIN);
    assertThat(fe(m).timeouts().get(TimeoutKind.CLIENT_FIN)).contains(Duration.ofDays(1));
    assertThat(fe(m).timeouts().get(TimeoutKind.HTTP_KEEP_ALIVE)).contains(Duration.ofSeconds(2));
    Backend be = m.backend("be").orElseThrow();
    assertThat(be.timeouts().get(TimeoutKind.TUNNEL)).contains(Duration.ofHours(1));
    assertThat(be.timeouts().get(TimeoutKind.CHECK)).contains(Duration.ofMillis(500));
    assertThat(be.timeouts().get(TimeoutKind.QUEUE)).contains(Duration.ofMinutes(1));
    assertThat(be.timeouts().get(TimeoutKind.CLIENT)).isEmpty();
  }

  @Test
  void read_noLog_clearsInheritedTargets() throws URISyntaxException {
    ProxyModel m = read("log/proxy-log.cfg");
    assertThat(fe(m).log().targets()).isEmpty();
    assertThat(m.backend("be").orElseThrow().log().targets()).extracting(t -> t.address())
        .containsExactly("global", "127.0.0.1:514");
  }

  @Test
  void read_listen_splitsIntoFrontendAndBackend() throws URISyntaxException {
    ProxyModel m = read("sections/listen.cfg");
    assertThat(m.frontend("li").orElseThrow().binds()).extracting(Bind::address)
        .containsExactly(Endpoint.parse("127.0.0.1:8001"));
    assertThat(m.frontend("li").orElseThrow().defaultBackend()).isEqualTo("li");
    Backend be = m.backend("li").orElseThrow();
    assertThat(be.balance().algorithm()).isEqualTo("leastconn");
    assertThat(be.servers()).extracting(Server::name).containsExactly("s1");
  }

  @Test
  void read_tokenizerCorpus_wordsReachTheModel() throws URISyntaxException {
    assertThat(fe(read("tokenizer/quotes-glued.cfg")).httpRequestRules().get(0).action())
        .isEqualTo(new HttpAction.SetHeader("X-A", "foobar bazqux"));
    assertThat(fe(read("tokenizer/hex-escape.cfg")).httpRequestRules().get(0).action())
        .isEqualTo(new HttpAction.SetHeader("X-A", "AB"));
    assertThat(fe(read("tokenizer/env-set.cfg")).httpRequestRules().get(0).action())
        .isEqualTo(new HttpAction.SetHeader("X-A", "value1"));
    assertThat(fe(read("tokenizer/env-default.cfg")).httpRequestRules().get(0).action())
        .isEqualTo(new HttpAction.SetHeader("X-A", "fallback"));
    Server s2 = read("tokenizer/env-word-expansion.cfg").backend("be").orElseThrow().server("s2");
    assertThat(s2.check().enabled()).isTrue();
    assertThat(s2.check().inter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s2.weight()).isEqualTo(10);
    assertThat(fe(read("global/setenv-then-use.cfg")).binds()).extracting(Bind::address)
        .containsExactly(Endpoint.parse("127.0.0.1:8009"));
  }

  @Test
  void read_balanceCorpus_everyAlgorithmWithItsArguments() throws URISyntaxException {
    ProxyModel m = read("balance/all.cfg");
    assertThat(m.backends()).extracting(b -> b.balance().algorithm(), b -> b.balance().args()).containsExactly(
        tuple("roundrobin", List.of()), tuple("static-rr", List.of()), tuple("first", List.of()),
        tuple("source", List.of()), tuple("uri", List.of("len", "10", "depth", "2", "whole")),
        tuple("url_param", List.of("id", "check_post")), tuple("hdr(Host)", List.of("use_domain_only")),
        tuple("rdp-cookie(mstshash)", List.of()), tuple("random(3)", List.of()),
        tuple("hash", List.of("req.hdr(host)")), tuple("leastconn", List.of()));
    assertThat(m.backend("b4").orElseThrow().balance().hash().method()).isEqualTo("consistent");
  }
}
