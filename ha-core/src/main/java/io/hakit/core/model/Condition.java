package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/**
 * {@code if|unless <terms>}: an OR ({@code ||} or {@code or}) of ANDs (juxtaposition) of
 * possibly negated ACL terms. {@code unless} negates the whole expression.
 */
public record Condition(Polarity polarity, List<List<AclTerm>> alternatives, Origin origin) {

  /** {@code if} or {@code unless}. */
  public enum Polarity {
    IF,
    UNLESS
  }

  public Condition {
    Objects.requireNonNull(polarity, "polarity");
    Objects.requireNonNull(origin, "origin");
    alternatives = alternatives.stream().map(List::copyOf).toList();
    if (alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty)) {
      throw new ModelException(origin, "condition: empty term (expected: at least one ACL on each side of '||')");
    }
  }

  /** {@code if <name>}. */
  public static Condition ifAcl(String aclName) {
    return new Condition(Polarity.IF, List.of(List.of(AclTerm.named(aclName))), Origin.UNKNOWN);
  }
}
