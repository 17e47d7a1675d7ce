package io.hakit.vrrp.packet;

import io.hakit.core.testing.SharedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hex dumps of ../shared/vectors/vrrp-keepalived-2.2.7.txt: vector number to the bytes of
 * the IP packet (IP header + VRRP), and splits them into IP source, destination, TTL and payload.
 */
final class GoldenVectors {
  static final String FILE = "vectors/vrrp-keepalived-2.2.7.txt";
  private static final Pattern HEADING = Pattern.compile("^Vector (\\d+)\\. ");
  private static final Pattern HEX_LINE = Pattern.compile("^  [0-9a-f]{4}: ((?:[0-9a-f]{2} ?)+)$");

  private GoldenVectors() {}

  /** One captured IP packet. */
  record IpPacket(InetAddress source, InetAddress destination, int ttl, byte[] payload) {}

  static Map<Integer, byte[]> load() {
    Path file = SharedFiles.resolve(FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Integer, byte[]> vectors = new LinkedHashMap<>();
    Integer current = null;
    StringBuilder hex = new StringBuilder();
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        flush(vectors, current, hex);
        current = Integer.valueOf(heading.group(1));
        continue;
      }
      Matcher m = HEX_LINE.matcher(line);
      if (current != null && m.matches()) {
        hex.append(m.group(1).replace(" ", ""));
      }
    }
    flush(vectors, current, hex);
    return vectors;
  }

  private static void flush(Map<Integer, byte[]> vectors, Integer current, StringBuilder hex) {
    if (current != null && hex.length() > 0) {
      byte[] bytes = new byte[hex.length() / 2];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
      }
      vectors.put(current, bytes);
    }
    hex.setLength(0);
  }

  static IpPacket split(byte[] ip) {
    try {
      int version = (ip[0] & 0xf0) >>> 4;
      if (version == 4) {
        int headerLength = (ip[0] & 0x0f) * 4;
        return new IpPacket(InetAddress.getByAddress(Arrays.copyOfRange(ip, 12, 16)),
            InetAddress.getByAddress(Arrays.copyOfRange(ip, 16, 20)), ip[8] & 0xff,
            Arrays.copyOfRange(ip, headerLength, ip.length));
      }
      return new IpPacket(InetAddress.getByAddress(Arrays.copyOfRange(ip, 8, 24)),
          InetAddress.getByAddress(Arrays.copyOfRange(ip, 24, 40)), ip[7] & 0xff,
          Arrays.copyOfRange(ip, 40, ip.length));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
