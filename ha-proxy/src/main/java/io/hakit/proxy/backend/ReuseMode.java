package io.hakit.proxy.backend;

import org.jspecify.annotations.Nullable;

/**
 * {@code http-reuse}: which idle server connection a request may take, as HAProxy 2.6 does it.
 * "First" means the first request of a client connection; a "proven" idle connection is one whose
 * last request was not a first one (HAProxy's safe list), the others are in its idle list.
 */
public enum ReuseMode {
  /** Server connections stay private to their client connection, reused only by its next requests. */
  NEVER,
  /** A first request always gets a new connection; later ones may take any idle connection. */
  SAFE,
  /** A first request may take a proven connection only; later ones any idle connection. */
  AGGRESSIVE,
  /** Any request may take any idle connection. */
  ALWAYS;

  /** The mode for the model's keyword; null (not set) is HAProxy's default, safe. */
  public static ReuseMode of(@Nullable String keyword) {
    if (keyword == null) {
      return SAFE;
    }
    return switch (keyword) {
      case "never" -> NEVER;
      case "safe" -> SAFE;
      case "aggressive" -> AGGRESSIVE;
      case "always" -> ALWAYS;
      default -> throw new IllegalArgumentException("http-reuse: unknown mode '" + keyword
          + "' (expected: never, safe, aggressive, always)");
    };
  }

  /** May a request take a proven idle connection (one whose last request was not first)? */
  public boolean mayTakeProven(boolean firstRequest) {
    return this == ALWAYS || (this != NEVER && (!firstRequest || this == AGGRESSIVE));
  }

  /** May a request take an unproven idle connection (one that carried only a first request)? */
  public boolean mayTakeUnproven(boolean firstRequest) {
    return this == ALWAYS || (this != NEVER && !firstRequest);
  }
}
