package io.hakit.proxy.internal;

import io.hakit.core.internal.Suggestions;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Suggests the closest known name for a misspelt one (edit distance), as HAProxy's parser does. */
public final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within a small edit distance, or null. */
  public static @Nullable String closest(String word, Collection<String> candidates) {
    return Suggestions.closest(word, candidates, Math.max(2, word.length() / 3));
  }

  /** "; did you mean 'x'?" or an empty string. */
  public static String hint(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? "" : "; did you mean '" + c + "'?";
  }
}
