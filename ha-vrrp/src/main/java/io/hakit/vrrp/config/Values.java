package io.hakit.vrrp.config;

import io.hakit.vrrp.internal.InetLiterals;
import java.math.BigDecimal;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Reads argument values of statements, reporting problems with the statement's file:line. Every
 * method returns null (after recording an error) when the value is unusable.
 */
final class Values {
  private final Diagnostics diagnostics;

  Values(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  /** The single argument of a statement, or null with an error. */
  @Nullable String single(ConfNode node) {
    if (node.args().size() != 1) {
      diagnostics.error(node.origin(), "'" + node.keyword() + "': " + node.args().size()
          + " arguments (expected: 1)");
      return null;
    }
    return node.args().get(0);
  }

  /** All arguments joined by spaces (commands written without quotes), or null with an error. */
  @Nullable String command(ConfNode node) {
    if (node.args().isEmpty()) {
      diagnostics.error(node.origin(), "'" + node.keyword() + "': no command (expected: a script path or command line)");
      return null;
    }
    return String.join(" ", node.args());
  }

  @Nullable Integer integer(ConfNode node, int min, int max) {
    String s = single(node);
    return s == null ? null : integer(node, s, min, max);
  }

  @Nullable Integer integer(ConfNode node, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    diagnostics.error(node.origin(), "'" + node.keyword() + "': '" + text + "' (expected: an integer " + min + "-"
        + max + ")");
    return null;
  }

  /** A number of seconds with optional fraction ({@code 0.1}), within range, or null. */
  @Nullable BigDecimal seconds(ConfNode node, String min, String max) {
    String s = single(node);
    if (s == null) {
      return null;
    }
    try {
      BigDecimal v = new BigDecimal(s);
      if (v.compareTo(new BigDecimal(min)) >= 0 && v.compareTo(new BigDecimal(max)) <= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    diagnostics.error(node.origin(), "'" + node.keyword() + "': '" + s + "' (expected: seconds " + min + "-" + max + ")");
    return null;
  }

  @Nullable InetAddress address(ConfNode node, String text) {
    InetAddress a = InetLiterals.parse(text);
    if (a == null) {
      diagnostics.error(node.origin(), "'" + node.keyword() + "': '" + text + "' (expected: an IPv4 or IPv6 address)");
    }
    return a;
  }

  /** Warns about a statement that should have no arguments but has some. */
  void noArgs(ConfNode node) {
    if (!node.args().isEmpty()) {
      diagnostics.warn(node.origin(), "'" + node.keyword() + "' takes no arguments; " + node.args() + " ignored");
    }
  }

  void noBlock(ConfNode node) {
    if (node.hasBlock()) {
      diagnostics.warn(node.origin(), "'" + node.keyword() + "' takes no { } block; block ignored");
    }
  }

  boolean needBlock(ConfNode node) {
    if (!node.hasBlock()) {
      diagnostics.error(node.origin(), "'" + node.keyword() + "' needs a { } block");
      return false;
    }
    return true;
  }
}
