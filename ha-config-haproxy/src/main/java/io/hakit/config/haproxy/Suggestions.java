package io.hakit.config.haproxy;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * "did you mean" for misspelled keywords: the closest known word by edit distance, when it is
 * close enough to be a plausible typo (HAProxy's {@code cfg_find_best_match} has the same purpose).
 */
final class Suggestions {
  private Suggestions() {}

  static @Nullable String closest(String word, Collection<String> candidates) {
    return io.hakit.core.internal.Suggestions.closest(word, candidates, Math.max(1, Math.min(3, word.length() / 3)));
  }

  /** {@code ; did you mean 'x' maybe ?} or empty. */
  static String hint(String word, Collection<String> candidates) {
    String best = closest(word, candidates);
    return best == null ? "" : "; did you mean '" + best + "' maybe ?";
  }
}
