package io.hakit.vrrp.linux;

import java.util.HexFormat;

/** Hex dumps as VRRP-NOTES.md and the golden vectors print them (spaces ignored). */
final class Hex {
  private Hex() {}

  static byte[] bytes(String dump) {
    return HexFormat.of().parseHex(dump.replaceAll("\\s+", ""));
  }
}
