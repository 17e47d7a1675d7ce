package io.hakit.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code send-proxy}: the PROXY protocol v1 line a server reads first on a new connection, naming
 * the client's address and the one it connected to ({@code PROXY TCP4 src dst sport dport}). When
 * the two are of different families, the IPv4 one is written IPv4-mapped in a TCP6 line; without
 * addresses (a unix socket) the line is {@code PROXY UNKNOWN}.
 */
public final class ProxyProtocolLine {
  private ProxyProtocolLine() {}

  /** The line for a connection accepted as {@code client}, in a new buffer. */
  public static ByteBuf of(Channel client, ByteBufAllocator alloc) {
    return alloc.buffer(108).writeBytes(text(client).getBytes(StandardCharsets.US_ASCII));
  }

  static String text(Channel client) {
    if (!(client.remoteAddress() instanceof InetSocketAddress src) || !(client.localAddress() instanceof InetSocketAddress dst)
        || src.getAddress() == null || dst.getAddress() == null) {
      return "PROXY UNKNOWN\r\n";
    }
    InetAddress s = src.getAddress();
    InetAddress d = dst.getAddress();
    boolean v4 = s instanceof Inet4Address && d instanceof Inet4Address;
    return "PROXY " + (v4 ? "TCP4 " : "TCP6 ") + address(s, v4) + " " + address(d, v4) + " " + src.getPort() + " "
        + dst.getPort() + "\r\n";
  }

  private static String address(InetAddress a, boolean v4) {
    if (!v4 && a instanceof Inet4Address) {
      return "::ffff:" + a.getHostAddress();
    }
    return NetUtil.toAddressString(a);
  }
}
