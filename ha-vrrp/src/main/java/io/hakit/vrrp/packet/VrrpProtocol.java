package io.hakit.vrrp.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Protocol constants of RFC 3768 and RFC 5798, each with the section that defines it. */
public final class VrrpProtocol {
  private VrrpProtocol() {}

  /** IP protocol number of VRRP (rfc5798 §5.1.1.3). */
  public static final int IP_PROTOCOL = 112;

  /** TTL / hop limit every advert is sent with and must arrive with (rfc5798 §5.1.1.3). */
  public static final int REQUIRED_TTL = 255;

  /** The address owner's priority (rfc5798 §5.2.4). */
  public static final int PRIORITY_OWNER = 255;

  /** The priority a leaving master sends so backups take over after Skew_Time (rfc5798 §5.2.4). */
  public static final int PRIORITY_STOP = 0;

  /** Default priority of a backup (rfc5798 §5.2.4; keepalived's default too). */
  public static final int PRIORITY_DEFAULT = 100;

  /** Message type of an advertisement, the only type defined (rfc5798 §5.2.2). */
  public static final int TYPE_ADVERTISEMENT = 1;

  /** v2 authentication types (rfc3768 §5.3.6; 1 and 2 only in rfc2338). */
  public static final int AUTH_NONE = 0;

  /** Simple text password, 8 bytes, NUL padded (rfc2338 §5.3.6.1). */
  public static final int AUTH_PASSWORD = 1;

  /** IP Authentication Header (rfc2338 §5.3.6.2); keepalived's HMAC-MD5-96 flavour. */
  public static final int AUTH_AH = 2;

  /** Length of the v2 authentication data (rfc3768 §5.3.10). */
  public static final int V2_AUTH_LENGTH = 8;

  /** Largest v3 Max Advertise Interval: 12 bits of centiseconds (rfc5798 §5.2.7). */
  public static final int V3_MAX_INTERVAL_CS = 4095;

  /** Fixed header length: version/type, VRID, priority, count, auth/interval, checksum. */
  public static final int HEADER_LENGTH = 8;

  /** The IPv4 multicast group 224.0.0.18 (rfc5798 §5.1.1.2). */
  public static final InetAddress GROUP_V4 = literal(new byte[] {(byte) 224, 0, 0, 18});

  /** The IPv6 multicast group ff02::12 (rfc5798 §5.1.2.2). */
  public static final InetAddress GROUP_V6 =
      literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});

  private static InetAddress literal(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
