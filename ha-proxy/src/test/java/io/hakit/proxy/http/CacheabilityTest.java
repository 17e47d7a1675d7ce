package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cases observed on haproxy 2.6.12 with {@code cookie ... insert nocache}. */
class CacheabilityTest {
  private static boolean cacheable(String method, int status, String... headers) {
    HttpHead req = new HttpHead();
    req.setRequestLine(method, "/", 11);
    HttpHead resp = new HttpHead();
    resp.status = status;
    for (String h : headers) {
      int c = h.indexOf(':');
      resp.add(h.substring(0, c).toLowerCase(java.util.Locale.ROOT), h.substring(c + 1).strip());
    }
    return Cacheability.cacheable(req, resp);
  }

  @Test
  void cacheable_freshnessOrValidatorNeeded() {
    assertThat(cacheable("GET", 200)).isFalse();
    assertThat(cacheable("GET", 200, "Cache-Control: public")).isFalse();
    assertThat(cacheable("GET", 200, "Cache-Control: max-age=60")).isTrue();
    assertThat(cacheable("GET", 200, "Cache-Control: s-maxage=60")).isTrue();
    assertThat(cacheable("GET", 200, "Expires: Wed, 21 Oct 2035 07:28:00 GMT")).isTrue();
    assertThat(cacheable("GET", 200, "ETag: \"x\"")).isTrue();
    assertThat(cacheable("GET", 200, "Last-Modified: Wed, 21 Oct 2015 07:28:00 GMT")).isTrue();
  }

  @Test
  void cacheable_methodsAndStatuses() {
    assertThat(cacheable("HEAD", 200, "ETag: x")).isTrue();
    assertThat(cacheable("OPTIONS", 200, "ETag: x")).isTrue();
    assertThat(cacheable("TRACE", 200, "ETag: x")).isTrue();
    assertThat(cacheable("POST", 200, "ETag: x")).isFalse();
    assertThat(cacheable("PUT", 200, "ETag: x")).isFalse();
    assertThat(cacheable("get", 200, "ETag: x")).isFalse();
    assertThat(cacheable("GET", 404, "ETag: x")).isTrue();
    assertThat(cacheable("GET", 302, "ETag: x")).isFalse();
    assertThat(cacheable("GET", 500, "ETag: x")).isFalse();
  }

  @Test
  void cacheable_cacheControlReadInOrder() {
    assertThat(cacheable("GET", 200, "Cache-Control: private, public, max-age=60")).isTrue();
    assertThat(cacheable("GET", 200, "Cache-Control: public, private, max-age=60")).isFalse();
    assertThat(cacheable("GET", 200, "Cache-Control: max-age=0, s-maxage=60")).isFalse();
    assertThat(cacheable("GET", 200, "Cache-Control: max-age=0, public, s-maxage=5")).isTrue();
    assertThat(cacheable("POST", 200, "Cache-Control: public, max-age=60")).isTrue();
    assertThat(cacheable("GET", 200, "Cache-Control: no-cache=\"set-cookie\"", "ETag: x")).isTrue();
  }

  @Test
  void cacheable_firstPragmaNoCache_never() {
    assertThat(cacheable("GET", 200, "Pragma: No-Cache", "ETag: x")).isFalse();
    assertThat(cacheable("GET", 200, "Pragma: no-cache, x", "ETag: x")).isTrue();
    assertThat(cacheable("GET", 200, "Cache-Control: max-age=60", "Pragma: x", "Pragma: no-cache")).isTrue();
  }
}
