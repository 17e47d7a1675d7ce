package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.util.List;

/**
 * One statement of a keepalived.conf: its words, where it is, and the statements of its brace
 * block if it has one ({@code vrrp_instance VI_1 { ... }}).
 */
record ConfNode(List<String> words, Origin origin, boolean hasBlock, List<ConfNode> children) {
  ConfNode {
    words = List.copyOf(words);
    children = List.copyOf(children);
  }

  String keyword() {
    return words.get(0);
  }

  /** The words after the keyword. */
  List<String> args() {
    return words.subList(1, words.size());
  }

  ConfNode withBlock(List<ConfNode> block) {
    return new ConfNode(words, origin, true, block);
  }
}
