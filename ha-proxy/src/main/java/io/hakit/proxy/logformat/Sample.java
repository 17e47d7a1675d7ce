package io.hakit.proxy.logformat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The value a fetch produced and converters transform: a string, an integer or an address.
 * Mutable scratch space reused within one evaluation, so that integer and address fetches do not box.
 */
final class Sample {
  enum Kind {
    STR,
    INT,
    ADDR
  }

  Kind kind = Kind.STR;
  String str = "";
  long num;
  @Nullable InetAddress addr;

  boolean set(@Nullable String s) {
    if (s == null) {
      return false;
    }
    kind = Kind.STR;
    str = s;
    return true;
  }

  boolean set(long n) {
    kind = Kind.INT;
    num = n;
    return true;
  }

  boolean set(@Nullable InetAddress a) {
    if (a == null) {
      return false;
    }
    kind = Kind.ADDR;
    addr = a;
    return true;
  }

  /** The value as text (integers in decimal, addresses in their usual form). */
  String asString() {
    return switch (kind) {
      case STR -> str;
      case INT -> Long.toString(num);
      case ADDR -> NetUtil.toAddressString(addr);
    };
  }

  /** The value as bytes, as HAProxy's binary cast does: strings as they are, integers as 8 bytes big-endian, addresses raw. */
  byte[] asBytes() {
    return switch (kind) {
      case STR -> str.getBytes(StandardCharsets.ISO_8859_1);
      case INT -> ByteBuffer.allocate(8).putLong(num).array();
      case ADDR -> addr.getAddress();
    };
  }
}
