package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.CookieSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cookie} options: haproxy 2.6.12's errors and warnings (texts from {@code haproxy -c}), HAKit's own warning. */
class CookieOptionsTest {
  private static final HaproxyConfigReader READER = new HaproxyConfigReader();

  private static String backend(String cookieLine) {
    return "defaults\n mode http\n timeout connect 1s\n timeout server 1s\nbackend b\n " + cookieLine
        + "\n server s1 127.0.0.1:1 cookie a\n";
  }

  private static List<String> errors(String cookieLine) {
    try {
      READER.read("t.cfg", backend(cookieLine));
    } catch (ConfigException e) {
      return e.errors().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected errors for " + cookieLine);
  }

  private static List<String> warnings(String cookieLine) {
    return READER.read("t.cfg", backend(cookieLine)).warnings().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void read_validOptions_keptInTheModel() {
    CookieSpec c = READER.read("t.cfg", backend("cookie SRV insert indirect nocache postonly preserve httponly secure"
        + " domain .a.example maxidle 30m maxlife 2h attr SameSite=Lax")).model().backend("b").orElseThrow().cookie();
    assertThat(c.name()).isEqualTo("SRV");
    assertThat(c.options()).contains("insert", "indirect", "maxidle", "30m", "attr", "SameSite=Lax");
  }

  @Test
  void read_badOptions_haproxyErrors() {
    assertThat(errors("cookie SRV insert rewrite"))
        .containsExactly("t.cfg:6: cookie 'rewrite', 'insert' and 'prefix' modes are incompatible.");
    assertThat(errors("cookie SRV bogus")).containsExactly("t.cfg:6: 'cookie' supports 'rewrite', 'insert', 'prefix',"
        + " 'indirect', 'nocache', 'postonly', 'domain', 'maxidle', 'dynamic', 'maxlife' and 'attr' options.");
    assertThat(errors("cookie SRV insert domain")).containsExactly("t.cfg:6: 'domain' expects <domain> as argument.");
    assertThat(errors("cookie SRV insert maxidle"))
        .containsExactly("t.cfg:6: 'maxidle' expects <idletime> in seconds as argument.");
    assertThat(errors("cookie SRV insert maxlife 5q"))
        .containsExactly("t.cfg:6: unexpected character 'q' in argument to <maxlife>.");
    assertThat(errors("cookie SRV insert attr a;b"))
        .containsExactly("t.cfg:6: character '%x3B' is not permitted in attribute value.");
    assertThat(errors("cookie SRV preserve"))
        .containsExactly("t.cfg:6: cookie 'preserve' requires at least 'insert' or 'indirect'.");
    assertThat(errors("cookie SRV rewrite indirect"))
        .containsExactly("t.cfg:6: cookie 'rewrite' and 'indirect' modes are incompatible.");
  }

  @Test
  void read_dynamicOrDotlessDomain_warned() {
    assertThat(warnings("cookie SRV insert dynamic")).anyMatch(w -> w.startsWith("t.cfg:6: 'cookie' option 'dynamic'"
        + " is ignored by HAKit"));
    assertThat(warnings("cookie SRV insert domain localhost")).contains("t.cfg:6: domain 'localhost' contains no"
        + " embedded dot, this configuration may not work properly (see RFC6265#5.2.3).");
    assertThat(warnings("cookie SRV insert indirect nocache")).isEmpty();
  }
}
