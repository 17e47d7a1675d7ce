package io.hakit.proxy.acl;

import java.util.List;

/**
 * HAProxy's integer matching (configuration manual 7.1.3): each pattern is a value {@code N}, a
 * range {@code N:M} (either end may be left open), or an operator {@code eq|ge|gt|le|lt} applied
 * to the value after it; the ACL matches when any pattern does. Immutable.
 */
final class IntMatcher {
  private final long[] low;
  private final long[] high;

  private IntMatcher(long[] low, long[] high) {
    this.low = low;
    this.high = high;
  }

  /**
   * Compiles the patterns of one ACL.
   *
   * @throws IllegalArgumentException for a pattern that is not an integer, a range or an operator and its value
   */
  static IntMatcher of(List<String> patterns) {
    int n = patterns.size();
    long[] lo = new long[n];
    long[] hi = new long[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      String p = patterns.get(i);
      String op = switch (p) {
        case "eq", "ge", "gt", "le", "lt" -> p;
        default -> null;
      };
      if (op != null) {
        if (++i >= n) {
          throw new IllegalArgumentException("operator '" + op + "' expects an integer after it");
        }
        long v = number(patterns.get(i));
        switch (op) {
          case "eq" -> { lo[k] = v; hi[k] = v; }
          case "ge" -> { lo[k] = v; hi[k] = Long.MAX_VALUE; }
          case "gt" -> { lo[k] = v + 1; hi[k] = Long.MAX_VALUE; }
          case "le" -> { lo[k] = Long.MIN_VALUE; hi[k] = v; }
          default -> { lo[k] = Long.MIN_VALUE; hi[k] = v - 1; }
        }
      } else {
        int colon = p.indexOf(':');
        lo[k] = colon == 0 ? Long.MIN_VALUE : number(colon < 0 ? p : p.substring(0, colon));
        hi[k] = colon < 0 ? lo[k] : colon == p.length() - 1 ? Long.MAX_VALUE : number(p.substring(colon + 1));
      }
      k++;
    }
    return new IntMatcher(java.util.Arrays.copyOf(lo, k), java.util.Arrays.copyOf(hi, k));
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not an integer, a range N:M or an operator (eq, ge, gt, le, lt)");
    }
  }

  boolean matches(long value) {
    for (int i = 0; i < low.length; i++) {
      if (value >= low[i] && value <= high[i]) {
        return true;
      }
    }
    return false;
  }
}
