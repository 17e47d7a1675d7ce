package io.hakit.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operand of a condition: a named ACL ({@code url_static}, {@code !url_static}) or an
 * anonymous inline ACL ({@code { path_beg /x }}), possibly negated.
 */
public record AclTerm(boolean negated, @Nullable String name, @Nullable Acl inline) {
  public AclTerm {
    if ((name == null) == (inline == null)) {
      throw new IllegalArgumentException("AclTerm: exactly one of name and inline (expected: a name or an inline acl)");
    }
  }

  public static AclTerm named(String name) {
    return new AclTerm(false, Objects.requireNonNull(name, "name"), null);
  }

  public static AclTerm inline(Acl acl) {
    return new AclTerm(false, null, Objects.requireNonNull(acl, "acl"));
  }

  public AclTerm negate() {
    return new AclTerm(!negated, name, inline);
  }
}
