package io.hakit.core.model;

import io.hakit.core.HaException;
import io.hakit.core.Origin;
import java.util.List;

/**
 * An invalid model: every problem found, each with the {@link Origin} of the element that caused
 * it. The message lists them one per line as {@code file:line: message}.
 */
public final class ModelException extends HaException {
  private static final long serialVersionUID = 1L;

  /** One problem of a model. */
  public record Problem(Origin origin, String message) {
    @Override
    public String toString() {
      return origin.isKnown() ? origin + ": " + message : message;
    }
  }

  private final transient List<Problem> problems;

  public ModelException(Origin origin, String message) {
    this(List.of(new Problem(origin, message)));
  }

  public ModelException(List<Problem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  private static String format(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: empty (expected: at least one)");
    }
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(p);
    }
    return sb.toString();
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The origin of the first problem. */
  public Origin origin() {
    return problems.get(0).origin();
  }
}
