package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.hakit.core.Origin;
import io.hakit.core.net.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-reference checks run by {@link ProxyModel}'s constructor. Messages follow HAProxy 2.6's
 * where it has one; every problem carries the origin of the line that caused it.
 */
class ModelValidatorTest {
  private static final String FILE = "haproxy.cfg";

  private static Origin line(int n) {
    return Origin.of(FILE, n);
  }

  private static Frontend.Builder frontend(String name, int line) {
    return Frontend.builder(name).mode(Mode.HTTP).bind(Bind.of(Endpoint.wildcard(5000))).origin(line(line));
  }

  private static Backend.Builder backend(String name, int line) {
    return Backend.builder(name).mode(Mode.HTTP).origin(line(line))
        .server(Server.builder("s1", "127.0.0.1:4331").origin(line(line + 1)).build());
  }

  private static Condition condition(int line, AclTerm... terms) {
    return new Condition(Condition.Polarity.IF, List.of(List.of(terms)), line(line));
  }

  private static Acl acl(String name, int line) {
    return new Acl(name, "path_beg", AclFlags.NONE, List.of("/static"), line(line));
  }

  private static ModelException invalid(ProxyModel.Builder builder) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(ModelException.class, builder::build);
  }

  @Test
  void build_consistentModel_succeedsAndLooksUpByName() {
    ProxyModel model = ProxyModel.builder()
        .frontend(frontend("main", 50).acl(acl("url_static", 51))
            .backendRule(new BackendRule("static", condition(53, AclTerm.named("url_static")), line(53)))
            .defaultBackend("app").build())
        .backend(backend("static", 60).build())
        .backend(backend("app", 70).build())
        .build();

    assertThat(model.frontend("main")).isPresent();
    assertThat(model.backend("static")).isPresent();
    assertThat(model.backend("nope")).isEmpty();
    assertThat(model.global()).isEqualTo(GlobalSettings.DEFAULT);
  }

  @Test
  void defaultBackend_missing_namesBackendAtFrontendOrigin() {
    ModelException e = invalid(ProxyModel.builder().frontend(frontend("main", 50).defaultBackend("app").build()));

    assertThat(e.problems()).containsExactly(new ModelException.Problem(line(50),
        "frontend 'main': default_backend: unable to find required default backend 'app'"));
    assertThat(e).hasMessage("haproxy.cfg:50: frontend 'main': default_backend: unable to find required"
        + " default backend 'app'");
  }

  @Test
  void useBackend_missing_namesBackendAtRuleOrigin() {
    ModelException e = invalid(ProxyModel.builder()
        .frontend(frontend("main", 50).backendRule(new BackendRule("static", null, line(55))).build()));

    assertThat(e.origin()).isEqualTo(line(55));
    assertThat(e.problems()).singleElement().extracting(ModelException.Problem::message)
        .isEqualTo("frontend 'main': use_backend: unable to find required use backend 'static'");
  }

  @Test
  void useBackend_dynamicName_isNotResolvedAtBuild() {
    ProxyModel model = ProxyModel.builder()
        .frontend(frontend("main", 50)
            .backendRule(new BackendRule("be_%[req.hdr(host),lower]", null, line(51)))
            .defaultBackend("%[var(txn.be)]").build())
        .build();

    assertThat(model.frontends()).hasSize(1);
  }

  @Test
  void httpFrontend_tcpBackend_isRejectedForDefaultAndUseBackend() {
    // haproxy: http frontend 'f' tries to use incompatible tcp backend 'b' as its default backend (see 'mode').
    ModelException e = invalid(ProxyModel.builder()
        .frontend(frontend("main", 50).backendRule(new BackendRule("raw", null, line(52))).defaultBackend("raw").build())
        .backend(backend("raw", 60).mode(Mode.TCP).build()));

    assertThat(e.problems()).containsExactly(
        new ModelException.Problem(line(50), "frontend 'main': default_backend: HTTP frontend cannot use TCP backend 'raw'"),
        new ModelException.Problem(line(52), "frontend 'main': use_backend: HTTP frontend cannot use TCP backend 'raw'"));
  }

  @Test
  void tcpFrontend_httpBackend_isAccepted() {
    // haproxy 2.6 -c accepts it: the stream is upgraded to HTTP.
    ProxyModel model = ProxyModel.builder()
        .frontend(frontend("main", 50).mode(Mode.TCP).defaultBackend("app").build())
        .backend(backend("app", 60).build())
        .build();

    assertThat(model.backends()).hasSize(1);
  }

  @Test
  void unknownAcl_inEveryFrontendCondition_isReportedAtItsLine() {
    // haproxy: error detected while parsing ... : no such ACL : 'nosuch'
    HttpRule request = new HttpRule(new HttpAction.Deny(403), condition(52, AclTerm.named("a")), line(52));
    HttpRule response = new HttpRule(new HttpAction.Allow(), condition(53, AclTerm.named("b")), line(53));
    BackendRule use = new BackendRule("app", condition(54, AclTerm.named("c").negate()), line(54));
    StatsSpec stats = new StatsSpec(true, "/stats", List.of(), null, null, condition(55, AclTerm.named("d")), false,
        List.of());

    ModelException e = invalid(ProxyModel.builder()
        .frontend(frontend("main", 50).httpRequestRule(request).httpResponseRule(response).backendRule(use)
            .stats(stats).build())
        .backend(backend("app", 60).build()));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        new ModelException.Problem(line(52), "frontend 'main': no such ACL : 'a'"),
        new ModelException.Problem(line(53), "frontend 'main': no such ACL : 'b'"),
        new ModelException.Problem(line(54), "frontend 'main': no such ACL : 'c'"),
        new ModelException.Problem(line(50), "frontend 'main': no such ACL : 'd'"));
  }

  @Test
  void unknownAcl_inEveryBackendCondition_isReportedAtItsLine() {
    HttpRule request = new HttpRule(new HttpAction.Deny(403), condition(62, AclTerm.named("a")), line(62));
    HttpRule response = new HttpRule(new HttpAction.Allow(), condition(63, AclTerm.named("b")), line(63));
    ServerRule use = new ServerRule("s1", condition(64, AclTerm.named("c")), line(64));
    StatsSpec stats = new StatsSpec(true, "/stats", List.of(), null, null, condition(65, AclTerm.named("d")), false,
        List.of());

    ModelException e = invalid(ProxyModel.builder()
        .backend(backend("app", 60).httpRequestRule(request).httpResponseRule(response).serverRule(use)
            .stats(stats).build()));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        new ModelException.Problem(line(62), "backend 'app': no such ACL : 'a'"),
        new ModelException.Problem(line(63), "backend 'app': no such ACL : 'b'"),
        new ModelException.Problem(line(64), "backend 'app': no such ACL : 'c'"),
        new ModelException.Problem(line(60), "backend 'app': no such ACL : 'd'"));
  }

  @Test
  void aclOfAnotherProxy_isNotVisible() {
    ModelException e = invalid(ProxyModel.builder()
        .frontend(frontend("main", 50).acl(acl("url_static", 51)).defaultBackend("app").build())
        .backend(backend("app", 60)
            .serverRule(new ServerRule("s1", condition(63, AclTerm.named("url_static")), line(63))).build()));

    assertThat(e.problems()).containsExactly(
        new ModelException.Problem(line(63), "backend 'app': no such ACL : 'url_static'"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TRUE", "FALSE", "LOCALHOST", "METH_GET", "METH_POST", "HTTP", "HTTP_1.1", "HTTP_CONTENT",
      "REQ_CONTENT", "WAIT_END"})
  void predefinedAcl_withoutAclLine_isAccepted(String name) {
    ProxyModel model = ProxyModel.builder()
        .frontend(frontend("main", 50)
            .backendRule(new BackendRule("app", condition(51, AclTerm.named(name).negate()), line(51))).build())
        .backend(backend("app", 60).build())
        .build();

    assertThat(model.frontends()).hasSize(1);
  }

  @Test
  void inlineAcl_andAlternatives_areAccepted() {
    Acl inline = new Acl(Acl.ANONYMOUS, "path_beg", AclFlags.NONE, List.of("/api"), line(51));
    Condition c = new Condition(Condition.Polarity.UNLESS,
        List.of(List.of(AclTerm.inline(inline)), List.of(AclTerm.named("url_static"), AclTerm.named("TRUE"))),
        line(52));

    ProxyModel model = ProxyModel.builder()
        .frontend(frontend("main", 50).acl(acl("url_static", 51))
            .backendRule(new BackendRule("app", c, line(52))).build())
        .backend(backend("app", 60).build())
        .build();

    assertThat(model.frontends()).hasSize(1);
  }

  @Test
  void duplicateBackend_namesBothOrigins() {
    ModelException e = invalid(ProxyModel.builder().backend(backend("app", 60).build()).backend(backend("app", 70).build()));

    assertThat(e.problems()).containsExactly(new ModelException.Problem(line(70),
        "backend 'app' has the same name as backend 'app' declared at haproxy.cfg:60"));
  }

  @Test
  void duplicateFrontend_namesBothOrigins() {
    ModelException e = invalid(ProxyModel.builder().frontend(frontend("main", 50).build())
        .frontend(frontend("main", 80).build()));

    assertThat(e.problems()).containsExactly(new ModelException.Problem(line(80),
        "frontend 'main' has the same name as frontend 'main' declared at haproxy.cfg:50"));
  }

  @Test
  void frontendAndBackendSameName_isAccepted() {
    // haproxy 2.6 accepts it (3.3+ refuses).
    ProxyModel model = ProxyModel.builder()
        .frontend(frontend("app", 50).defaultBackend("app").build())
        .backend(backend("app", 60).build())
        .build();

    assertThat(model.frontend("app")).isPresent();
    assertThat(model.backend("app")).isPresent();
  }

  @Test
  void duplicateServer_namesBothOrigins() {
    // haproxy: 'server app/s1' : another server named 's1' was already defined at line 61, please use distinct names.
    Backend b = backend("app", 60).server(Server.builder("s1", "127.0.0.1:4332").origin(line(62)).build()).build();

    ModelException e = invalid(ProxyModel.builder().backend(b));

    assertThat(e.problems()).containsExactly(new ModelException.Problem(line(62),
        "backend 'app', another server named 's1' was already defined at haproxy.cfg:61, please use distinct names"));
  }

  @Test
  void useServer_missingServer_isReportedAtRule() {
    ModelException e = invalid(ProxyModel.builder()
        .backend(backend("app", 60).serverRule(new ServerRule("s9", null, line(63))).build()));

    assertThat(e.problems()).containsExactly(
        new ModelException.Problem(line(63), "backend 'app': use-server: no server named 's9'"));
  }

  @Test
  void severalProblems_areAllReported_oneLineEach() {
    ModelException e = invalid(ProxyModel.builder()
        .frontend(frontend("main", 50).defaultBackend("nope").build())
        .backend(backend("app", 60).serverRule(new ServerRule("s9", null, line(63))).build())
        .backend(backend("app", 70).build()));

    assertThat(e.problems()).extracting(ModelException.Problem::origin)
        .containsExactlyInAnyOrder(line(50), line(63), line(70));
    assertThat(e.getMessage().lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("haproxy.cfg:"));
  }

  @Test
  void problem_unknownOrigin_isJustTheMessage() {
    ModelException e = invalid(ProxyModel.builder()
        .frontend(Frontend.builder("main").defaultBackend("nope").build()));

    assertThat(e.origin()).isEqualTo(Origin.UNKNOWN);
    assertThat(e).hasMessage("frontend 'main': default_backend: unable to find required default backend 'nope'");
  }

  @Test
  void proxyModel_lists_areImmutable() {
    ProxyModel model = ProxyModel.builder().backend(backend("app", 60).build()).build();

    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> model.backends().add(backend("other", 70).build()));
  }
}
