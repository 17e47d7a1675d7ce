package io.hakit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclTest {
  private static final Origin AT = Origin.of("haproxy.cfg", 53);

  @Test
  void acl_fields_areKeptAndPatternsCopied() {
    List<String> patterns = new ArrayList<>(List.of("/static", "/images"));
    AclFlags flags = new AclFlags(true, "beg", List.of("/etc/haproxy/paths.lst"), true);

    Acl acl = new Acl("url_static", "path_beg", flags, patterns, AT);
    patterns.add("/later");

    assertThat(acl.name()).isEqualTo("url_static");
    assertThat(acl.fetch()).isEqualTo("path_beg");
    assertThat(acl.flags().ignoreCase()).isTrue();
    assertThat(acl.flags().matchMethod()).isEqualTo("beg");
    assertThat(acl.flags().patternFiles()).containsExactly("/etc/haproxy/paths.lst");
    assertThat(acl.flags().noDns()).isTrue();
    assertThat(acl.patterns()).containsExactly("/static", "/images");
    assertThat(acl.isAnonymous()).isFalse();
  }

  @Test
  void acl_anonymous_skipsNameCheck() {
    Acl acl = new Acl(Acl.ANONYMOUS, "path_beg", AclFlags.NONE, List.of("/x"), AT);

    assertThat(acl.isAnonymous()).isTrue();
  }

  @Test
  void acl_badName_namesValueAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Acl("url static", "path_beg", AclFlags.NONE, List.of(), AT))
        .withMessage("haproxy.cfg:53: acl name: 'url static' (expected: letters, digits, '_', '.', ':' or '-')");
  }

  @Test
  void acl_emptyFetch_namesAclAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Acl("url_static", "", AclFlags.NONE, List.of(), AT))
        .withMessage("haproxy.cfg:53: acl 'url_static': fetch: empty (expected: a sample fetch such as path_beg)");
  }

  @Test
  void aclTerm_exactlyOneOfNameAndInline() {
    Acl inline = new Acl(Acl.ANONYMOUS, "path_beg", AclFlags.NONE, List.of("/x"), AT);

    assertThatIllegalArgumentException().isThrownBy(() -> new AclTerm(false, null, null))
        .withMessageContaining("exactly one of name and inline");
    assertThatIllegalArgumentException().isThrownBy(() -> new AclTerm(false, "a", inline));
    assertThat(AclTerm.inline(inline).inline()).isEqualTo(inline);
    assertThat(AclTerm.named("a").name()).isEqualTo("a");
  }

  @Test
  void aclTerm_negate_togglesOnlyNegation() {
    AclTerm term = AclTerm.named("url_static");

    assertThat(term.negated()).isFalse();
    assertThat(term.negate().negated()).isTrue();
    assertThat(term.negate().negate()).isEqualTo(term);
    assertThat(term.negate().name()).isEqualTo("url_static");
  }

  @Test
  void condition_ifAcl_isOneNamedTerm() {
    Condition c = Condition.ifAcl("url_static");

    assertThat(c.polarity()).isEqualTo(Condition.Polarity.IF);
    assertThat(c.alternatives()).containsExactly(List.of(AclTerm.named("url_static")));
  }

  @Test
  void condition_emptyAlternativeOrTerm_isRejectedAtOrigin() {
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Condition(Condition.Polarity.IF, List.of(), AT))
        .withMessage("haproxy.cfg:53: condition: empty term (expected: at least one ACL on each side of '||')");
    assertThatExceptionOfType(ModelException.class)
        .isThrownBy(() -> new Condition(Condition.Polarity.UNLESS,
            List.of(List.of(AclTerm.named("a")), List.of()), AT))
        .withMessageContaining("condition: empty term");
  }

  @Test
  void condition_alternatives_areDeeplyImmutable() {
    List<AclTerm> and = new ArrayList<>(List.of(AclTerm.named("a"), AclTerm.named("b")));
    Condition c = new Condition(Condition.Polarity.IF, List.of(and), AT);
    and.clear();

    assertThat(c.alternatives().get(0)).hasSize(2);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> c.alternatives().get(0).add(AclTerm.named("c")));
  }
}
