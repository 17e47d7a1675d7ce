package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Writes a head back to bytes (ISO-8859-1, so that every received byte goes out unchanged). */
final class HeadEncoder {
  private HeadEncoder() {}

  static ByteBuf request(HttpHead h, ByteBufAllocator alloc) {
    ByteBuf out = alloc.directBuffer(estimate(h) + h.uri.length() + h.method.length() + 12);
    ascii(out, h.method);
    out.writeByte(' ');
    ascii(out, h.uri);
    ascii(out, h.version == 10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
    headers(out, h);
    return out;
  }

  static ByteBuf response(HttpHead h, ByteBufAllocator alloc) {
    ByteBuf out = alloc.directBuffer(estimate(h) + h.reason.length() + 16);
    ascii(out, "HTTP/1.1 ");
    out.writeByte('0' + h.status / 100).writeByte('0' + h.status / 10 % 10).writeByte('0' + h.status % 10);
    out.writeByte(' ');
    ascii(out, h.reason);
    out.writeShort(0x0d0a);
    headers(out, h);
    return out;
  }

  private static int estimate(HttpHead h) {
    int n = 2;
    for (int i = 0, c = h.headerCount(); i < c; i++) {
      n += h.headerName(i).length() + h.headerValue(i).length() + 4;
    }
    return n;
  }

  private static void headers(ByteBuf out, HttpHead h) {
    for (int i = 0, c = h.headerCount(); i < c; i++) {
      ascii(out, h.headerName(i));
      out.writeShort(0x3a20);
      ascii(out, h.headerValue(i));
      out.writeShort(0x0d0a);
    }
    out.writeShort(0x0d0a);
  }

  private static void ascii(ByteBuf out, String s) {
    out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
  }
}
