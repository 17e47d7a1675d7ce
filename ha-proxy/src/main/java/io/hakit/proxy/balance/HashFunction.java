package io.hakit.proxy.balance;

import io.hakit.core.model.HashSpec;

/**
 * The {@code hash-type} functions over a key's bytes (a header or URI decoded as ISO-8859-1, so
 * one char is one byte), with results identical to HAProxy's for the same bytes: map-based
 * hashing then lands on the same server as HAProxy does. Stateless, any thread.
 */
enum HashFunction {
  /** sdbm's {@code h * 65599 + c} (HAProxy's default). */
  SDBM {
    @Override
    int hash(CharSequence key, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = (key.charAt(i) & 0xff) + (h << 6) + (h << 16) - h;
      }
      return h;
    }
  },
  /** Bernstein's {@code h * 33 + c} from 5381. */
  DJB2 {
    @Override
    int hash(CharSequence key, int from, int to) {
      int h = 5381;
      for (int i = from; i < to; i++) {
        h = (h << 5) + h + (key.charAt(i) & 0xff);
      }
      return h;
    }
  },
  /** HAProxy's wt6: two words mixed with data-dependent rotations. */
  WT6 {
    @Override
    int hash(CharSequence key, int from, int to) {
      int h0 = 0xa53c965a;
      int h1 = 0x5ca6953a;
      int step0 = 6;
      int step1 = 18;
      for (int i = from; i < to; i++) {
        int c = key.charAt(i) & 0xff;
        h0 = ~(h0 ^ c);
        h1 = ~(h1 + c);
        int t = Integer.rotateLeft(h1, step0);
        h1 = Integer.rotateLeft(h0, step1);
        h0 = t;
        t = ((h0 >>> 16) ^ h1) & 0xffff;
        step0 = t & 0x1f;
        step1 = t >>> 11;
      }
      return h0 ^ h1;
    }
  },
  /** The IEEE 802.3 CRC-32 (as zip and PNG use), bit by bit to keep no table in cache. */
  CRC32 {
    @Override
    int hash(CharSequence key, int from, int to) {
      int crc = ~0;
      for (int i = from; i < to; i++) {
        crc ^= key.charAt(i) & 0xff;
        for (int bit = 0; bit < 8; bit++) {
          crc = (crc >>> 1) ^ (-(crc & 1) & 0xedb88320);
        }
      }
      return ~crc;
    }
  },
  /** No hashing: the key's leading decimal digits are the hash (for keys that already are one). */
  NONE {
    @Override
    int hash(CharSequence key, int from, int to) {
      long v = 0;
      int i = from;
      boolean negative = i < to && key.charAt(i) == '-';
      if (negative || (i < to && key.charAt(i) == '+')) {
        i++;
      }
      for (; i < to; i++) {
        char c = key.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        v = v * 10 + (c - '0');
      }
      return (int) (negative ? -v : v);
    }
  };

  /** The 32-bit hash of {@code key[from, to)}. */
  abstract int hash(CharSequence key, int from, int to);

  /** The function a {@code hash-type} names. */
  static HashFunction of(HashSpec spec) {
    return switch (spec.function()) {
      case "djb2" -> DJB2;
      case "wt6" -> WT6;
      case "crc32" -> CRC32;
      case "none" -> NONE;
      default -> SDBM;
    };
  }

  /**
   * The {@code avalanche} modifier: a full 32-bit avalanche mix (one of Bob Jenkins' integer
   * hashes) so that keys differing in few bits spread over the whole range, then a multiply by a
   * large prime near 3/4 of 2^32, the same steps HAProxy applies, so results agree.
   */
  static int avalanche(int a) {
    a = (a + 0x7ed55d16) + (a << 12);
    a = (a ^ 0xc761c23c) ^ (a >>> 19);
    a = (a + 0x165667b1) + (a << 5);
    a = (a + 0xd3a2646c) ^ (a << 9);
    a = (a + 0xfd7046c5) + (a << 3);
    a = (a ^ 0xb55a4f09) ^ (a >>> 16);
    return a * (int) 3221225473L;
  }
}
