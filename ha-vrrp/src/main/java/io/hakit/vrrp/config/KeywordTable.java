package io.hakit.vrrp.config;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The keywords of one section: a handler per supported keyword, a reason per keyword known but not
 * applied by HAKit (warned about), and a warning for anything else, naming file:line and the
 * closest known keyword. Keepalived also warns and goes on for unknown keywords.
 *
 * @param <B> the section's builder
 */
final class KeywordTable<B> {
  /** Reads one statement into the section builder. */
  @FunctionalInterface
  interface Handler<B> {
    void handle(ConfNode node, B builder, Values values);
  }

  private final String section;
  private final Map<String, Handler<B>> handlers = new HashMap<>();
  private final Map<String, String> unsupported = new TreeMap<>();

  KeywordTable(String section) {
    this.section = section;
  }

  KeywordTable<B> on(String keyword, Handler<B> handler) {
    handlers.put(keyword, handler);
    return this;
  }

  KeywordTable<B> unsupported(String why, String... keywords) {
    for (String k : keywords) {
      unsupported.put(k, why);
    }
    return this;
  }

  void dispatch(ConfNode node, B builder, Values values, String where) {
    Handler<B> h = handlers.get(node.keyword());
    if (h != null) {
      h.handle(node, builder, values);
      return;
    }
    String why = unsupported.get(node.keyword());
    if (why != null) {
      values.diagnostics().warn(node.origin(), "'" + node.keyword() + "' in " + where + " is not supported by HAKit ("
          + why + "); ignored");
      return;
    }
    String near = closest(node.keyword());
    values.diagnostics().warn(node.origin(), "unknown keyword '" + node.keyword() + "' in " + where + "; ignored"
        + (near == null ? "" : " (did you mean '" + near + "'?)"));
  }

  String section() {
    return section;
  }

  private @Nullable String closest(String word) {
    @Nullable String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : handlers.keySet()) {
      int d = distance(word, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= Math.max(2, word.length() / 4) ? best : null;
  }

  private static int distance(String a, String b) {
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
