package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CookieTextTest {
  @Test
  void valueEnd_quotesProtectDelimiters() {
    String s = "\"a;b\\\"c,\";next";
    assertThat(CookieText.valueEnd(s, 0, s.length())).isEqualTo(9);
    assertThat(CookieText.valueEnd("abc", 0, 3)).isEqualTo(3);
  }

  @Test
  void removeValue_firstMiddleAndLast_asHaproxy() {
    StringBuilder first = new StringBuilder("SRV=c1; a=1");
    int[] r = CookieText.removeValue(first, 0, 6);
    assertThat(first).hasToString("a=1");
    assertThat(r[0]).isZero();
    StringBuilder middle = new StringBuilder("x=1; SRV=c2; y=2");
    CookieText.removeValue(middle, 3, 11);
    assertThat(middle).hasToString("x=1; y=2");
    StringBuilder comma = new StringBuilder("y=2, SRV=c1, z=3");
    CookieText.removeValue(comma, 3, 11);
    assertThat(comma).hasToString("y=2, z=3");
  }

  @Test
  void encode30_decode30_roundTripAndHaproxyDigits() {
    StringBuilder b = new StringBuilder();
    CookieText.encode30(b, 448904775L);
    assertThat(b).hasToString("awb5H");
    assertThat(CookieText.decode30("awb5H", 0)).isEqualTo(448904775);
    assertThat(CookieText.decode30("AAAAB", 0)).isEqualTo(1);
    assertThat(CookieText.decode30("AA-AB", 0)).isEqualTo(-1);
  }
}
