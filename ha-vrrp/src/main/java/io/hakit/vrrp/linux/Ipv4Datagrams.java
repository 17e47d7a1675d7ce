package io.hakit.vrrp.linux;

import io.hakit.vrrp.transport.ReceivedMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Splits what a raw IPv4 socket delivers (the IP header, then the VRRP message) into a
 * {@link ReceivedMessage}: source, destination and TTL from the header (RFC 791), the rest as the
 * payload. Only the IP layer is judged here; everything VRRP is left to the codec, which counts
 * what it drops.
 */
final class Ipv4Datagrams {
  private static final int MIN_HEADER = 20;

  private Ipv4Datagrams() {}

  /** The message, or null when the bytes are not an IPv4 datagram of protocol 112 (why: logged by the caller). */
  static @Nullable ReceivedMessage parse(byte[] datagram, int length) {
    if (length < MIN_HEADER || (datagram[0] & 0xf0) != 0x40) {
      return null;
    }
    int headerLength = (datagram[0] & 0x0f) * 4;
    if (headerLength < MIN_HEADER || headerLength > length || (datagram[9] & 0xff) != LibC.IPPROTO_VRRP) {
      return null;
    }
    // Linux hands raw sockets the total length unchanged (network order); trust the smaller.
    int totalLength = (datagram[2] & 0xff) << 8 | (datagram[3] & 0xff);
    int end = totalLength >= headerLength ? Math.min(totalLength, length) : length;
    try {
      InetAddress source = InetAddress.getByAddress(NativeStructs.copy(datagram, 12, 4));
      InetAddress destination = InetAddress.getByAddress(NativeStructs.copy(datagram, 16, 4));
      int ttl = datagram[8] & 0xff;
      return new ReceivedMessage(source, destination, ttl, NativeStructs.copy(datagram, headerLength, end - headerLength));
    } catch (UnknownHostException e) {
      return null; // cannot happen for 4 bytes
    }
  }
}
