package io.hakit.proxy.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.Origin;
import io.hakit.core.model.Acl;
import io.hakit.core.model.AclFlags;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclCompilerTest {
  /** A request sample for tests. */
  record Sample(String method, String uri, String path, int version, List<String[]> headers, byte[] sourceAddress)
      implements RequestSample {
    static Sample get(String uri, String... headers) {
      List<String[]> h = new java.util.ArrayList<>();
      for (int i = 0; i < headers.length; i += 2) {
        h.add(new String[] {headers[i], headers[i + 1]});
      }
      int q = uri.indexOf('?');
      return new Sample("GET", uri, q < 0 ? uri : uri.substring(0, q), 11, h, new byte[] {127, 0, 0, 1});
    }

    @Override
    public int headerCount() {
      return headers.size();
    }

    @Override
    public String headerName(int i) {
      return headers.get(i)[0];
    }

    @Override
    public String headerValue(int i) {
      return headers.get(i)[1];
    }
  }

  private static final AclFlags I = new AclFlags(true, null, List.of(), false);

  private static Acl acl(String name, String fetch, AclFlags flags, String... patterns) {
    return new Acl(name, fetch, flags, List.of(patterns), Origin.UNKNOWN);
  }

  @Test
  void compile_seedUrlStatic_sameNameLinesOred() {
    List<Acl> acls = List.of(acl("url_static", "path_beg", I, "/static", "/images"),
        acl("url_static", "path_end", I, ".jpg", ".css"));
    AclPredicate p = AclCompiler.compile(Condition.ifAcl("url_static"), acls);
    assertThat(p.test(Sample.get("/STATIC/x"))).isTrue();
    assertThat(p.test(Sample.get("/a/b.JpG?x=1"))).isTrue();
    assertThat(p.test(Sample.get("/a/b.html?f=.jpg"))).isFalse();
    assertThat(p.test(Sample.get("/app"))).isFalse();
  }

  @Test
  void compile_andOrNotUnless() {
    List<Acl> acls = List.of(acl("a", "path_beg", AclFlags.NONE, "/a"), acl("h", "hdr(host)", I, "example.com"),
        acl("m", "method", AclFlags.NONE, "POST"));
    Condition cond = new Condition(Condition.Polarity.IF, List.of(List.of(AclTerm.named("a"), AclTerm.named("h")),
        List.of(AclTerm.named("m").negate())), Origin.UNKNOWN);
    AclPredicate p = AclCompiler.compile(cond, acls);
    assertThat(p.test(Sample.get("/a", "host", "EXAMPLE.com"))).isTrue();
    assertThat(p.test(Sample.get("/b", "host", "example.com"))).isTrue();
    Condition unless = new Condition(Condition.Polarity.UNLESS, List.of(List.of(AclTerm.named("a"))), Origin.UNKNOWN);
    assertThat(AclCompiler.compile(unless, acls).test(Sample.get("/a"))).isFalse();
    assertThat(AclCompiler.compile(unless, acls).test(Sample.get("/b"))).isTrue();
  }

  @Test
  void compile_fetchesAndMatchers() {
    assertThat(AclCompiler.compile(acl("x", "path_sub", AclFlags.NONE, "mid")).test(Sample.get("/a/mid/b"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "path_reg", AclFlags.NONE, "^/v[0-9]+/")).test(Sample.get("/v2/x"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "url_beg", AclFlags.NONE, "/q?")).test(Sample.get("/q?x"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "path", AclFlags.NONE, "/exact")).test(Sample.get("/exact?x"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "hdr_beg(user-agent)", I, "curl")).test(Sample.get("/", "user-agent", "Curl/8"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "hdr_end(host)", AclFlags.NONE, ".org")).test(Sample.get("/", "host", "a.org"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "hdr_sub(accept)", AclFlags.NONE, "json")).test(
        Sample.get("/", "accept", "text/html, application/json"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "src", AclFlags.NONE, "10.0.0.0/8", "127.0.0.0/8")).test(Sample.get("/"))).isTrue();
    assertThat(AclCompiler.compile(acl("x", "src", AclFlags.NONE, "10.0.0.0/8")).test(Sample.get("/"))).isFalse();
    assertThat(AclCompiler.compile(acl("x", "path", new AclFlags(false, "beg", List.of(), false), "/p")).test(Sample.get("/pq"))).isTrue();
  }

  @Test
  void compile_unknownFetch_didYouMean() {
    assertThatThrownBy(() -> AclCompiler.compile(acl("x", "path_bge", AclFlags.NONE, "/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did you mean 'path_beg'");
  }

  @Test
  void compile_unknownAclName_error() {
    assertThatThrownBy(() -> AclCompiler.compile(Condition.ifAcl("nope"), List.of()))
        .hasMessageContaining("no such ACL : 'nope'");
  }
}
