package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.vrrp.transport.ReceivedMessage;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4DatagramsTest {
  /** Vector 1 of vrrp-keepalived-2.2.7.txt: keepalived's v2 advert, IP header included. */
  private static final byte[] VECTOR_1 = Hex.bytes("""
      45 c0 00 28 00 01 00 00 ff 70 14 75 c6 12 00 0b
      e0 00 00 12 21 33 96 01 00 01 81 ef c6 12 00 c8
      00 00 00 00 00 00 00 00""");

  @Test
  void parse_keepalivedAdvert_splitsHeaderFromVrrpMessage() throws Exception {
    ReceivedMessage m = Ipv4Datagrams.parse(VECTOR_1, VECTOR_1.length);

    assertThat(m).isNotNull();
    assertThat(m.source()).isEqualTo(InetAddress.getByName("198.18.0.11"));
    assertThat(m.destination()).isEqualTo(InetAddress.getByName("224.0.0.18"));
    assertThat(m.ttl()).isEqualTo(255);
    assertThat(m.payload()).isEqualTo(Arrays.copyOfRange(VECTOR_1, 20, 40));
  }

  @Test
  void parse_ttl254_reportsTheTtlUnchanged() {
    byte[] datagram = VECTOR_1.clone();
    datagram[8] = (byte) 254;

    assertThat(Ipv4Datagrams.parse(datagram, datagram.length).ttl()).isEqualTo(254);
  }

  @Test
  void parse_truncatedVrrpMessage_deliveredForTheCodecToCount() {
    ReceivedMessage m = Ipv4Datagrams.parse(VECTOR_1, 23);

    assertThat(m).isNotNull();
    assertThat(m.payload()).containsExactly(0x21, 0x33, 0x96);
  }

  @Test
  void parse_bytesAfterTotalLength_ignored() {
    byte[] padded = Arrays.copyOf(VECTOR_1, 60);

    assertThat(Ipv4Datagrams.parse(padded, padded.length).payload()).hasSize(20);
  }

  @Test
  void parse_headerWithOptions_payloadStartsAfterThem() {
    byte[] withOptions = new byte[44];
    System.arraycopy(VECTOR_1, 0, withOptions, 0, 20);
    withOptions[0] = 0x46; // ihl 6: four bytes of options (NOPs)
    withOptions[3] = 44;
    Arrays.fill(withOptions, 20, 24, (byte) 1);
    System.arraycopy(VECTOR_1, 20, withOptions, 24, 20);

    assertThat(Ipv4Datagrams.parse(withOptions, 44).payload()).isEqualTo(Arrays.copyOfRange(VECTOR_1, 20, 40));
  }

  @Test
  void parse_notIpv4OrNotVrrpOrShort_null() {
    byte[] otherProtocol = VECTOR_1.clone();
    otherProtocol[9] = 17;
    byte[] ipv6 = VECTOR_1.clone();
    ipv6[0] = 0x60;
    byte[] headerLongerThanData = VECTOR_1.clone();
    headerLongerThanData[0] = 0x4f;

    assertThat(Ipv4Datagrams.parse(otherProtocol, otherProtocol.length)).isNull();
    assertThat(Ipv4Datagrams.parse(ipv6, ipv6.length)).isNull();
    assertThat(Ipv4Datagrams.parse(headerLongerThanData, headerLongerThanData.length)).isNull();
    assertThat(Ipv4Datagrams.parse(VECTOR_1, 19)).isNull();
  }
}
