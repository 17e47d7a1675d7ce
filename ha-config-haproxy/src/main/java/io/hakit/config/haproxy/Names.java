package io.hakit.config.haproxy;

import org.jspecify.annotations.Nullable;

/** HAProxy's rule for proxy, server and ACL names: {@code [A-Za-z0-9_.:-]+}. */
final class Names {
  private Names() {}

  /** The first character that is not allowed, as a string, or null when the name is fine. */
  static @Nullable String invalidChar(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c < 128 && Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-')) {
        return String.valueOf(c);
      }
    }
    return null;
  }
}
