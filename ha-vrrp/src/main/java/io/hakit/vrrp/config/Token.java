package io.hakit.vrrp.config;

import io.hakit.core.Origin;

/**
 * One word of a keepalived.conf. {@code lineStart} marks the first word of a physical line (a
 * statement ends at the end of its line, as in keepalived); {@code quoted} words are never braces.
 */
record Token(String text, Origin origin, boolean lineStart, boolean quoted) {
  boolean isOpen() {
    return !quoted && text.equals("{");
  }

  boolean isClose() {
    return !quoted && text.equals("}");
  }
}
