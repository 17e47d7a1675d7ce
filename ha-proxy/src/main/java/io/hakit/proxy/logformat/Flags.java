package io.hakit.proxy.logformat;

/** The {@code %{+X}} modifiers of a variable (8.2.4), as bits. */
final class Flags {
  /** +Q: quote strings. */
  static final int QUOTE = 1;
  /** +X: addresses and ports in hexadecimal. */
  static final int HEX = 2;
  /** +E: backslash before {@code "}, {@code \} and {@code ]}. */
  static final int ESCAPE = 4;

  private Flags() {}

  /** The bit of one flag letter, or 0 when it is not one HAKit knows (HAProxy ignores those too). */
  static int of(char letter) {
    return switch (letter) {
      case 'Q' -> QUOTE;
      case 'X' -> HEX;
      case 'E' -> ESCAPE;
      default -> 0;
    };
  }
}
