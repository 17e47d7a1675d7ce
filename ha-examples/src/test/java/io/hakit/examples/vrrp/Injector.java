package io.hakit.examples.vrrp;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Puts hand-made IPv4 packets on a node's wire, header included (IPPROTO_RAW: we choose the TTL
 * and the source), to test how a VRRP speaker treats bad adverts. The socket is opened on a thread
 * that entered the node's namespace ({@link NetnsThread}).
 */
final class Injector implements AutoCloseable {
  private static final int AF_INET = 2;
  private static final int SOCK_RAW = 3;
  private static final int IPPROTO_RAW = 255;
  private static final int SOL_SOCKET = 1;
  private static final int SO_BINDTODEVICE = 25;

  private final NetnsThread thread;
  private final int fd;

  Injector(Lan.Node node) throws Exception {
    thread = new NetnsThread(node);
    fd = thread.call(() -> {
      int s = NetnsLibC.INSTANCE.socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
      byte[] device = (Lan.NODE_IF + "\0").getBytes(StandardCharsets.US_ASCII);
      NetnsLibC.INSTANCE.setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, device, device.length);
      return s;
    });
  }

  /** Sends {@code vrrp} as IP protocol 112 from {@code source} to 224.0.0.18 with this TTL. */
  void send(InetAddress source, int ttl, byte[] vrrp) throws IOException {
    byte[] group = {(byte) 224, 0, 0, 18};
    ByteBuffer ip = ByteBuffer.allocate(20 + vrrp.length);
    ip.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + vrrp.length)).putShort((short) 0).putShort((short) 0);
    ip.put((byte) ttl).put((byte) 112).putShort((short) 0).put(source.getAddress()).put(group).put(vrrp);
    ByteBuffer sockaddr = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    sockaddr.putShort((short) AF_INET).putShort((short) 0).put(group);
    try {
      NetnsLibC.INSTANCE.sendto(fd, ip.array(), ip.capacity(), 0, sockaddr.array(), 16);
    } catch (LastErrorException e) {
      throw new IOException("injecting a packet: " + e.getMessage(), e);
    }
  }

  /** A VRRPv3/IPv4 advert with its checksum over the pseudo-header (RFC 5798 section 5.2.8). */
  static byte[] v3(int vrid, int priority, int centiseconds, InetAddress source, InetAddress... addresses) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * addresses.length);
    b.put((byte) 0x31).put((byte) vrid).put((byte) priority).put((byte) addresses.length);
    b.putShort((short) centiseconds).putShort((short) 0);
    for (InetAddress a : addresses) {
      b.put(a.getAddress());
    }
    byte[] m = b.array();
    ByteBuffer pseudo = ByteBuffer.allocate(12 + m.length);
    pseudo.put(source.getAddress()).put(new byte[] {(byte) 224, 0, 0, 18}).put((byte) 0).put((byte) 112)
        .putShort((short) m.length).put(m);
    int sum = 0;
    byte[] all = pseudo.array();
    for (int i = 0; i < all.length; i += 2) {
      sum += (all[i] & 0xff) << 8 | (i + 1 < all.length ? all[i + 1] & 0xff : 0);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    sum = ~sum & 0xffff;
    m[6] = (byte) (sum >> 8);
    m[7] = (byte) sum;
    return m;
  }

  @Override
  public void close() {
    try {
      NetnsLibC.INSTANCE.close(fd);
    } catch (LastErrorException e) {
      // released anyway
    }
    thread.close();
  }
}
