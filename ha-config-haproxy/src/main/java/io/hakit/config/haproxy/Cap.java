package io.hakit.config.haproxy;

/**
 * Where a proxy keyword may appear, HAProxy's capability bits plus the matrix's special cases
 * (HAPROXY-CFG-DIALECT.md 6.3 and 6.5). Combined as an int mask in the keyword tables.
 */
final class Cap {
  /** Allowed in {@code defaults}; without it the keyword is fatal there. */
  static final int D = 1;
  /** Meaningful with frontend capability (frontend, listen). */
  static final int F = 2;
  /** Meaningful with backend capability (backend, listen). */
  static final int B = 4;
  /** Only in named defaults; fatal in an anonymous one (rules and ACLs). */
  static final int NAMED_DEFAULTS_ONLY = 8;
  /** Missing capability is fatal ("not allowed because ...") instead of a warning. */
  static final int FAIL_IF_NOT_CAP = 16;

  static final int DFB = D | F | B;
  static final int DF = D | F;
  static final int DB = D | B;
  static final int FB = F | B;

  private Cap() {}
}
