package io.hakit.vrrp.config;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import io.hakit.core.internal.Suggestions;
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
    return Suggestions.closest(word, handlers.keySet(), Math.max(2, word.length() / 4));
  }
}
