package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeStructsTest {

  @BeforeEach
  void littleEndianHost() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the expected bytes are those of x86_64/aarch64");
  }

  @Test
  void sockaddr_ipv4_familyHostOrderAddressNetworkOrder() throws Exception {
    assertThat(NativeStructs.sockaddr(InetAddress.getByName("224.0.0.18"), 7))
        .isEqualTo(Hex.bytes("0200 0000 e0000012 0000000000000000"));
  }

  @Test
  void sockaddr_ipv6LinkLocalAndLinkScopeMulticast_carryTheScope() throws Exception {
    byte[] linkLocal = NativeStructs.sockaddr(InetAddress.getByName("fe80::1"), 7);
    byte[] group = NativeStructs.sockaddr(InetAddress.getByName("ff02::12"), 7);
    byte[] global = NativeStructs.sockaddr(InetAddress.getByName("2001:db8::1"), 7);

    assertThat(linkLocal).hasSize(28);
    assertThat(ByteBuffer.wrap(linkLocal).order(ByteOrder.LITTLE_ENDIAN).getInt(24)).isEqualTo(7);
    assertThat(ByteBuffer.wrap(group).order(ByteOrder.LITTLE_ENDIAN).getInt(24)).isEqualTo(7);
    assertThat(ByteBuffer.wrap(global).order(ByteOrder.LITTLE_ENDIAN).getInt(24)).isZero();
    assertThat(NativeStructs.addressOf(linkLocal, 28)).isEqualTo(InetAddress.getByName("fe80::1"));
  }

  @Test
  void ipMreqn_groupThenAnyThenIfindex() throws Exception {
    assertThat(NativeStructs.ipMreqn((java.net.Inet4Address) InetAddress.getByName("224.0.0.18"), 3))
        .isEqualTo(Hex.bytes("e0000012 00000000 03000000"));
  }

  @Test
  void sockaddrLl_protocolInNetworkOrderBroadcastMac() {
    byte[] broadcast = {-1, -1, -1, -1, -1, -1};

    assertThat(NativeStructs.sockaddrLl(0x0806, 2, broadcast))
        .isEqualTo(Hex.bytes("1100 0806 02000000 0100 00 06 ffffffffffff 0000"));
  }

  @Test
  void ifreq_nameTooLong_rejected() {
    assertThatThrownBy(() -> NativeStructs.ifreq("a-very-long-name0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 15");
  }

  @Test
  void ipv6Ancillary_hopLimitAndPacketInfo_bothRead() throws Exception {
    ByteBuffer control = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    control.putLong(36).putInt(41).putInt(50).put(InetAddress.getByName("ff02::12").getAddress()).putInt(4);
    control.position(40); // CMSG_ALIGN(36)
    control.putLong(20).putInt(41).putInt(52).putInt(255);

    NativeStructs.Ipv6Ancillary a = NativeStructs.ipv6Ancillary(control.array(), 60);

    assertThat(a.hopLimit()).isEqualTo(255);
    assertThat(a.destination()).isEqualTo(InetAddress.getByName("ff02::12"));
  }

  @Test
  void ipv6Ancillary_noHopLimitOrBrokenLength_minusOne() {
    ByteBuffer broken = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    broken.putLong(4000).putInt(41).putInt(52).putInt(255);

    assertThat(NativeStructs.ipv6Ancillary(broken.array(), 32).hopLimit()).isEqualTo(-1);
    assertThat(NativeStructs.ipv6Ancillary(new byte[0], 0).hopLimit()).isEqualTo(-1);
  }
}
