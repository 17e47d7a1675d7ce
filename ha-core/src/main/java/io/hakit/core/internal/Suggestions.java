package io.hakit.core.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean" for misspelt keywords, commands and names: the closest candidate by edit
 * distance, if close enough to be a plausible typo. Internal: may change at any time.
 */
public final class Suggestions {
  private Suggestions() {}

  /** The closest candidate within a distance of about a third of the word, or null. */
  public static @Nullable String closest(String word, Collection<String> candidates) {
    String best = nearest(word, candidates);
    int allowed = Math.max(1, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
    return best != null && distance(word, best) <= allowed ? best : null;
  }

  /** The closest candidate at most {@code maxDistance} edits away, or null. */
  public static @Nullable String closest(String word, Collection<String> candidates, int maxDistance) {
    String best = nearest(word, candidates);
    return best != null && distance(word, best) <= maxDistance ? best : null;
  }

  /** The candidate with the smallest distance (the first of equals), or null when there is none. */
  private static @Nullable String nearest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance with adjacent transpositions counting one (optimal string alignment). */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
