package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashKeyTest {
  private static final HashKey.Method SDBM = new HashKey.Method(HashFunction.SDBM, false, false);

  /** The hash of exactly this text, to compare a key extraction with. */
  private static long of(String text) {
    return Integer.toUnsignedLong(HashFunction.SDBM.hash(text, 0, text.length()));
  }

  @Test
  void uri_defaultStopsAtQuery_wholeKeepsIt() {
    assertThat(new UriKey(0, 0, false, false).hash(TestRequest.uri("/a/b?x=1"), SDBM)).isEqualTo(of("/a/b"));
    assertThat(new UriKey(0, 0, true, false).hash(TestRequest.uri("/a/b?x=1"), SDBM)).isEqualTo(of("/a/b?x=1"));
  }

  @Test
  void uri_depthAndLen_cutTheKey() {
    assertThat(new UriKey(0, 2, false, false).hash(TestRequest.uri("/a/b/c/d"), SDBM)).isEqualTo(of("/a/b"));
    assertThat(new UriKey(0, 1, false, false).hash(TestRequest.uri("/a"), SDBM)).isEqualTo(of("/a"));
    assertThat(new UriKey(4, 0, false, false).hash(TestRequest.uri("/abcdef"), SDBM)).isEqualTo(of("/abc"));
    assertThat(new UriKey(4, 3, false, false).hash(TestRequest.uri("/a/b/c"), SDBM)).isEqualTo(of("/a/b"));
  }

  @Test
  void uri_pathOnly_dropsSchemeAndAuthority() {
    UriKey k = new UriKey(0, 0, false, true);
    assertThat(k.hash(TestRequest.uri("http://h.example:80/p/q?z"), SDBM)).isEqualTo(of("/p/q"));
    assertThat(k.hash(TestRequest.uri("/p/q"), SDBM)).isEqualTo(of("/p/q"));
    assertThat(k.hash(TestRequest.uri("http://h.example"), SDBM)).isEqualTo(of(""));
  }

  @Test
  void uri_tcpRequest_absent() {
    assertThat(new UriKey(0, 0, false, false).hash(TestRequest.source(127, 0, 0, 1), SDBM)).isEqualTo(HashKey.ABSENT);
  }

  @Test
  void urlParam_findsExactNameUpToAmpersand() {
    UrlParamKey k = new UrlParamKey("id");
    assertThat(k.hash(TestRequest.uri("/p?uid=9&id=42&x=1"), SDBM)).isEqualTo(of("42"));
    assertThat(k.hash(TestRequest.uri("/p?id=7"), SDBM)).isEqualTo(of("7"));
    assertThat(k.hash(TestRequest.uri("/p?id="), SDBM)).isEqualTo(of(""));
    assertThat(k.hash(TestRequest.uri("/p?ID=7"), SDBM)).isEqualTo(HashKey.ABSENT);
    assertThat(k.hash(TestRequest.uri("/p?idx=7"), SDBM)).isEqualTo(HashKey.ABSENT);
    assertThat(k.hash(TestRequest.uri("/p/id=7"), SDBM)).isEqualTo(HashKey.ABSENT);
  }

  @Test
  void header_firstValueTrimmed_domainOnlyKeepsMainLabel() {
    assertThat(new HeaderKey("X-Key", false).hash(TestRequest.header("x-key", " alice , bob"), SDBM))
        .isEqualTo(of("alice"));
    HeaderKey domain = new HeaderKey("Host", true);
    assertThat(domain.hash(TestRequest.header("Host", "haproxy.1wt.eu"), SDBM)).isEqualTo(of("1wt"));
    assertThat(domain.hash(TestRequest.header("Host", "example.com"), SDBM)).isEqualTo(of("example"));
    assertThat(domain.hash(TestRequest.header("Host", "localhost"), SDBM)).isEqualTo(of("localhost"));
    assertThat(domain.hash(TestRequest.header("Other", "x"), SDBM)).isEqualTo(HashKey.ABSENT);
    assertThat(domain.hash(TestRequest.header("Host", "  "), SDBM)).isEqualTo(HashKey.ABSENT);
  }

  @Test
  void source_xorOfWords_avalanchedOnlyForConsistent() {
    long map = SourceKey.INSTANCE.hash(TestRequest.source(198, 18, 0, 1), SDBM);
    assertThat(map).isEqualTo(0xC6120001L);
    long ring = SourceKey.INSTANCE.hash(TestRequest.source(198, 18, 0, 1), new HashKey.Method(HashFunction.SDBM, false, true));
    assertThat(ring).isEqualTo(Integer.toUnsignedLong(HashFunction.avalanche(0xC6120001)));
  }
}
