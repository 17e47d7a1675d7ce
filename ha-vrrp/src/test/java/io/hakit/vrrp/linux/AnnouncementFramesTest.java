package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnnouncementFramesTest {
  private static final byte[] MAC = Hex.bytes("02 00 c6 12 00 0b");

  @Test
  void gratuitousArp_keepalivedsFrame_byteIdentical() throws Exception {
    // vector 7 of vrrp-keepalived-2.2.7.txt
    byte[] expected = Hex.bytes("""
        ff ff ff ff ff ff 02 00 c6 12 00 0b 08 06 00 01
        08 00 06 04 00 01 02 00 c6 12 00 0b c6 12 00 c8
        ff ff ff ff ff ff c6 12 00 c8""");

    assertThat(AnnouncementFrames.gratuitousArp(MAC, (Inet4Address) InetAddress.getByName("198.18.0.200")))
        .isEqualTo(expected);
  }

  @Test
  void unsolicitedNeighborAdvertisement_keepalivedsPacket_byteIdentical() throws Exception {
    // vector 8 of vrrp-keepalived-2.2.7.txt (the IPv6 packet; the frame adds the Ethernet header)
    byte[] expected = Hex.bytes("""
        60 00 00 00 00 20 3a ff 20 01 0d b8 00 51 00 00
        00 00 00 00 00 00 02 00 ff 02 00 00 00 00 00 00
        00 00 00 00 00 00 00 01 88 00 2e 6e 20 00 00 00
        20 01 0d b8 00 51 00 00 00 00 00 00 00 00 02 00
        02 01 02 00 c6 12 00 0b""");

    byte[] frame = AnnouncementFrames.unsolicitedNeighborAdvertisement(MAC,
        (Inet6Address) InetAddress.getByName("2001:db8:51::200"), false);

    assertThat(Arrays.copyOfRange(frame, 0, 14)).isEqualTo(Hex.bytes("33 33 00 00 00 01 02 00 c6 12 00 0b 86 dd"));
    assertThat(Arrays.copyOfRange(frame, 14, frame.length)).isEqualTo(expected);
  }

  @Test
  void unsolicitedNeighborAdvertisement_router_setsRouterFlagAndKeepsChecksumValid() throws Exception {
    byte[] ip = InetAddress.getByName("2001:db8:51::200").getAddress();
    byte[] frame = AnnouncementFrames.unsolicitedNeighborAdvertisement(MAC, (Inet6Address) InetAddress.getByAddress(ip), true);

    assertThat(frame[14 + 40 + 4] & 0xff).isEqualTo(0xa0); // R and O
    byte[] allNodes = InetAddress.getByName("ff02::1").getAddress();
    // summing the message with its own checksum in place gives 0 (RFC 1071)
    assertThat(AnnouncementFrames.icmpv6Checksum(ip, allNodes, frame, 54, 32)).isZero();
  }
}
