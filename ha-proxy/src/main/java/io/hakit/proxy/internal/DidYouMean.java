package io.hakit.proxy.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Suggests the closest known name for a misspelt one (edit distance), as HAProxy's parser does. */
public final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within a small edit distance, or null. */
  public static @Nullable String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
  }

  /** "; did you mean 'x'?" or an empty string. */
  public static String hint(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? "" : "; did you mean '" + c + "'?";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
