package io.hakit.vrrp.linux;

import io.hakit.vrrp.address.AddressOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * rtnetlink address messages (rtnetlink(7), linux/if_addr.h): builds RTM_NEWADDR / RTM_DELADDR /
 * RTM_GETADDR requests and reads the kernel's answers. Header fields are host order, address bytes
 * network order. Pure: unit-tested against the request bytes in VRRP-NOTES.md section 4.2.
 */
final class RtnlMessages {
  static final short NLMSG_ERROR = 2;
  static final short NLMSG_DONE = 3;
  static final short RTM_NEWLINK = 16;
  static final short RTM_DELLINK = 17;
  static final short RTM_GETLINK = 18;
  static final short RTM_NEWADDR = 20;
  static final short RTM_DELADDR = 21;
  static final short RTM_GETADDR = 22;
  static final short NLM_F_REQUEST = 0x1;
  static final short NLM_F_ACK = 0x4;
  static final short NLM_F_EXCL = 0x200;
  static final short NLM_F_CREATE = 0x400;
  static final short NLM_F_DUMP = 0x300;
  /** In an NLMSG_ERROR: our request was not echoed beyond its header. */
  static final short NLM_F_CAPPED = 0x100;
  /** In an NLMSG_ERROR: extended ACK attributes follow. */
  static final short NLM_F_ACK_TLVS = 0x200;
  static final int NLMSGERR_ATTR_MSG = 1;
  static final short IFA_ADDRESS = 1;
  static final short IFA_LOCAL = 2;
  static final short IFA_LABEL = 3;
  static final short IFA_BROADCAST = 4;
  static final short IFA_FLAGS = 8;
  static final int IFA_F_SECONDARY = 0x01;
  /** No route for the address's prefix ({@code noprefixroute}). */
  static final int IFA_F_NOPREFIXROUTE = 0x200;
  /** No duplicate address detection: an IPv6 VIP is usable at once (keepalived does the same). */
  static final int IFA_F_NODAD = 0x02;

  /** Netlink multicast group of link changes (rtnetlink.h RTMGRP_LINK). */
  static final int RTMGRP_LINK = 1;
  /** net/if.h: the link is operationally up (RFC 2863 operstate UP). */
  static final int IFF_RUNNING = 0x40;

  private static final int NLMSG_HEADER = 16;
  private static final int IFADDRMSG = 8;
  private static final int IFINFOMSG = 16;

  private RtnlMessages() {}

  /** RTM_NEWADDR (create, fail if present) or RTM_DELADDR of one address, asking for an ACK. */
  static byte[] addressRequest(boolean add, int sequence, InetAddress address, int prefixLength, int ifindex) {
    return addressRequest(add, sequence, address, prefixLength, ifindex, AddressOptions.NONE);
  }

  /**
   * The same with keepalived's address options. An add carries them as {@code ip addr add} does:
   * ifa_scope, IFA_BROADCAST, IFA_LABEL (NUL-terminated) and, when a flag beyond the 8 bits of
   * ifa_flags is set, IFA_FLAGS (which the kernel then reads instead of ifa_flags). A delete is
   * matched by address and prefix alone, so it carries none of them.
   */
  static byte[] addressRequest(boolean add, int sequence, InetAddress address, int prefixLength, int ifindex,
      AddressOptions options) {
    byte[] raw = address.getAddress();
    boolean ipv4 = raw.length == 4;
    int flags = ipv4 ? 0 : IFA_F_NODAD;
    if (add && options.noPrefixRoute()) {
      flags |= IFA_F_NOPREFIXROUTE;
    }
    Inet4Address broadcast = add ? options.broadcast() : null;
    byte[] label = add && options.label() != null ? nulTerminated(options.label()) : null;
    int length = NLMSG_HEADER + IFADDRMSG + align(4 + raw.length) * (ipv4 ? 2 : 1) // IPv4: IFA_LOCAL and IFA_ADDRESS
        + (broadcast != null ? align(4 + 4) : 0) + (label != null ? align(4 + label.length) : 0)
        + (flags > 0xff ? align(4 + 4) : 0);
    short messageFlags = add ? (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE)
        : (short) (NLM_F_REQUEST | NLM_F_ACK);
    ByteBuffer b = NativeStructs.buffer(length);
    b.putInt(length).putShort(add ? RTM_NEWADDR : RTM_DELADDR).putShort(messageFlags).putInt(sequence).putInt(0);
    b.put((byte) (ipv4 ? LibC.AF_INET : LibC.AF_INET6)).put((byte) prefixLength);
    b.put((byte) (flags & 0xff)).put((byte) (add ? options.scope() : 0)).putInt(ifindex);
    if (ipv4) {
      putAttribute(b, IFA_LOCAL, raw);
    }
    putAttribute(b, IFA_ADDRESS, raw);
    if (broadcast != null) {
      putAttribute(b, IFA_BROADCAST, broadcast.getAddress());
    }
    if (label != null) {
      putAttribute(b, IFA_LABEL, label);
    }
    if (flags > 0xff) {
      putAttribute(b, IFA_FLAGS, NativeStructs.intValue(flags));
    }
    return b.array();
  }

  private static byte[] nulTerminated(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(bytes, bytes.length + 1);
  }

  /** RTM_GETADDR dump of every address of one family. */
  static byte[] dumpRequest(int sequence, int family) {
    int length = NLMSG_HEADER + IFADDRMSG;
    ByteBuffer b = NativeStructs.buffer(length);
    b.putInt(length).putShort(RTM_GETADDR).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(sequence).putInt(0);
    b.put((byte) family).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
    return b.array();
  }

  /** RTM_GETLINK of one interface: the kernel answers with its RTM_NEWLINK. */
  static byte[] linkRequest(int sequence, int ifindex) {
    int length = NLMSG_HEADER + IFINFOMSG;
    ByteBuffer b = NativeStructs.buffer(length);
    b.putInt(length).putShort(RTM_GETLINK).putShort(NLM_F_REQUEST).putInt(sequence).putInt(0);
    b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(0).putInt(0);
    return b.array();
  }

  /**
   * The last word on interface {@code ifindex} in a datagram of link messages: its {@code IFF_*}
   * flags, -1 when it was deleted, or null when the datagram does not mention it.
   */
  static @Nullable Integer linkFlags(byte[] datagram, int length, int ifindex) {
    ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
    Integer flags = null;
    int offset = 0;
    while (offset + NLMSG_HEADER <= length) {
      int messageLength = b.getInt(offset);
      if (messageLength < NLMSG_HEADER || offset + messageLength > length) {
        break;
      }
      short type = b.getShort(offset + 4);
      if ((type == RTM_NEWLINK || type == RTM_DELLINK) && messageLength >= NLMSG_HEADER + IFINFOMSG
          && b.getInt(offset + NLMSG_HEADER + 4) == ifindex) {
        flags = type == RTM_DELLINK ? -1 : b.getInt(offset + NLMSG_HEADER + 8);
      }
      offset += align(messageLength);
    }
    return flags;
  }

  /**
   * The kernel's answer to a request: 0 (ACK) or a positive errno, and the kernel's own words
   * when extended ACKs are on (NETLINK_EXT_ACK), e.g. "ipv4: Address already assigned."; else "".
   */
  record Ack(int errno, String message) {}

  /** The NLMSG_ERROR answering {@code sequence} in this datagram, or null when there is none. */
  static @Nullable Ack ack(byte[] datagram, int length, int sequence) {
    ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
    int offset = 0;
    while (offset + NLMSG_HEADER <= length) {
      int messageLength = b.getInt(offset);
      if (messageLength < NLMSG_HEADER || offset + messageLength > length) {
        return null;
      }
      if (b.getShort(offset + 4) == NLMSG_ERROR && b.getInt(offset + 8) == sequence && messageLength >= NLMSG_HEADER + 4) {
        int errno = -b.getInt(offset + NLMSG_HEADER);
        return new Ack(errno, extendedAckMessage(b, offset, messageLength));
      }
      offset += align(messageLength);
    }
    return null;
  }

  /**
   * netlink(7) extended ACK: after {@code struct nlmsgerr} (the error and a copy of our request,
   * cut to its header when NLM_F_CAPPED) come attributes; NLMSGERR_ATTR_MSG (1) is a C string.
   */
  private static String extendedAckMessage(ByteBuffer b, int offset, int messageLength) {
    short flags = b.getShort(offset + 6);
    if ((flags & NLM_F_ACK_TLVS) == 0 || messageLength < NLMSG_HEADER + 4 + NLMSG_HEADER) {
      return "";
    }
    int request = offset + NLMSG_HEADER + 4;
    int echoed = (flags & NLM_F_CAPPED) != 0 ? NLMSG_HEADER : align(b.getInt(request));
    int end = offset + messageLength;
    int attribute = request + echoed;
    while (attribute + 4 <= end) {
      int attributeLength = b.getShort(attribute) & 0xffff;
      if (attributeLength < 4 || attribute + attributeLength > end) {
        break;
      }
      if ((b.getShort(attribute + 2) & 0xffff) == NLMSGERR_ATTR_MSG) {
        byte[] text = new byte[attributeLength - 4];
        b.get(attribute + 4, text);
        int nul = 0;
        while (nul < text.length && text[nul] != 0) {
          nul++;
        }
        return new String(text, 0, nul, java.nio.charset.StandardCharsets.UTF_8);
      }
      attribute += align(attributeLength);
    }
    return "";
  }

  /**
   * Adds the addresses of one dump datagram to {@code out}. Returns true when the dump is complete
   * (NLMSG_DONE), throws {@link ErrnoException} when the kernel refused it.
   */
  static boolean readDump(byte[] datagram, int length, int sequence, List<InterfaceAddress> out) throws ErrnoException {
    ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
    int offset = 0;
    while (offset + NLMSG_HEADER <= length) {
      int messageLength = b.getInt(offset);
      if (messageLength < NLMSG_HEADER || offset + messageLength > length) {
        return false;
      }
      short type = b.getShort(offset + 4);
      if (b.getInt(offset + 8) == sequence) {
        if (type == NLMSG_DONE) {
          return true;
        }
        if (type == NLMSG_ERROR && messageLength >= NLMSG_HEADER + 4) {
          int errno = -b.getInt(offset + NLMSG_HEADER);
          throw new ErrnoException("RTM_GETADDR dump", errno, "refused by the kernel");
        }
        if (type == RTM_NEWADDR && messageLength >= NLMSG_HEADER + IFADDRMSG) {
          InterfaceAddress address = address(b, offset + NLMSG_HEADER, offset + messageLength);
          if (address != null) {
            out.add(address);
          }
        }
      }
      offset += align(messageLength);
    }
    return false;
  }

  private static @Nullable InterfaceAddress address(ByteBuffer b, int start, int end) {
    int family = b.get(start) & 0xff;
    int prefixLength = b.get(start + 1) & 0xff;
    int flags = b.get(start + 2) & 0xff;
    int scope = b.get(start + 3) & 0xff;
    int ifindex = b.getInt(start + 4);
    byte[] local = null;
    byte[] peer = null;
    int offset = start + IFADDRMSG;
    while (offset + 4 <= end) {
      int attributeLength = b.getShort(offset) & 0xffff;
      int type = b.getShort(offset + 2) & 0xffff;
      if (attributeLength < 4 || offset + attributeLength > end) {
        break;
      }
      byte[] value = new byte[attributeLength - 4];
      b.get(offset + 4, value);
      if (type == IFA_LOCAL) {
        local = value;
      } else if (type == IFA_ADDRESS) {
        peer = value;
      }
      offset += align(attributeLength);
    }
    byte[] raw = local != null ? local : peer; // IPv4 puts our own address in IFA_LOCAL
    if (raw == null || (raw.length != 4 && raw.length != 16)) {
      return null;
    }
    try {
      return new InterfaceAddress(ifindex, family, InetAddress.getByAddress(raw), prefixLength, flags, scope);
    } catch (UnknownHostException e) {
      return null; // cannot happen for 4 or 16 bytes
    }
  }

  private static void putAttribute(ByteBuffer b, short type, byte[] value) {
    b.putShort((short) (4 + value.length)).putShort(type).put(value);
    for (int pad = align(4 + value.length) - 4 - value.length; pad > 0; pad--) {
      b.put((byte) 0);
    }
  }

  private static int align(int length) {
    return (length + 3) & ~3;
  }
}
