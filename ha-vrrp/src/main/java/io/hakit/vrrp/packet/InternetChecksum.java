package io.hakit.vrrp.packet;

/**
 * The Internet checksum of RFC 1071: a one's-complement sum of big-endian 16-bit words, an odd
 * trailing byte padded with zero, carries folded back, then complemented. Sums are accumulated in
 * a {@code long} across several ranges (pseudo-header, then message) and folded once.
 */
final class InternetChecksum {
  private InternetChecksum() {}

  /** Adds the bytes {@code [offset, offset + length)} to {@code sum}; ranges must start on even positions of the whole. */
  static long add(long sum, byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    for (; i + 1 < end; i += 2) {
      sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (bytes[i] & 0xff) << 8;
    }
    return sum;
  }

  static long addWord(long sum, int word16) {
    return sum + (word16 & 0xffff);
  }

  /** Folds the carries and complements: the value that goes on the wire. */
  static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
