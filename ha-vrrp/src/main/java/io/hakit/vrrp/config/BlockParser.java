package io.hakit.vrrp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups words into statements and brace blocks. A statement runs to the end of its line or to a
 * brace; a {@code {} opens the block of the statement before it, on the same line or the next
 * (keepalived accepts both styles); {@code }} closes it.
 */
final class BlockParser {
  private final List<Token> tokens;
  private final Diagnostics diagnostics;
  private int pos;

  BlockParser(List<Token> tokens, Diagnostics diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  List<ConfNode> parse() {
    List<ConfNode> top = block(null);
    return top;
  }

  private List<ConfNode> block(Token opener) {
    List<ConfNode> nodes = new ArrayList<>();
    while (pos < tokens.size()) {
      Token t = tokens.get(pos);
      if (t.isClose()) {
        pos++;
        if (opener != null) {
          return nodes;
        }
        diagnostics.error(t.origin(), "unexpected '}' (no block is open)");
        continue;
      }
      if (t.isOpen()) {
        pos++;
        int last = nodes.size() - 1;
        if (last >= 0 && !nodes.get(last).hasBlock()) {
          nodes.set(last, nodes.get(last).withBlock(block(t)));
        } else {
          diagnostics.error(t.origin(), "'{' without a keyword before it");
          block(t);
        }
        continue;
      }
      List<String> words = new ArrayList<>();
      words.add(t.text());
      pos++;
      while (pos < tokens.size() && !tokens.get(pos).lineStart() && !tokens.get(pos).isOpen()
          && !tokens.get(pos).isClose()) {
        words.add(tokens.get(pos).text());
        pos++;
      }
      nodes.add(new ConfNode(words, t.origin(), false, List.of()));
    }
    if (opener != null) {
      diagnostics.error(opener.origin(), "'{' opened here is never closed");
    }
    return nodes;
  }
}
