package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.util.List;

/**
 * One tokenized configuration line: its words (unquoted, unescaped, variables expanded) and where
 * it came from.
 */
record Statement(Origin origin, List<String> words) {
  Statement {
    words = List.copyOf(words);
  }

  String keyword() {
    return words.isEmpty() ? "" : words.get(0);
  }

  int size() {
    return words.size();
  }

  String word(int i) {
    return i < words.size() ? words.get(i) : "";
  }

  List<String> from(int i) {
    return i < words.size() ? words.subList(i, words.size()) : List.of();
  }

  /** This statement without its first {@code n} words (the {@code no}/{@code default} prefix). */
  Statement drop(int n) {
    return new Statement(origin, from(n));
  }
}
