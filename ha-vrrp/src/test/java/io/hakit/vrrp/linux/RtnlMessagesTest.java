package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakit.vrrp.address.AddressOptions;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RtnlMessagesTest {

  @BeforeEach
  void littleEndianHost() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the expected bytes are those of x86_64/aarch64");
  }

  @Test
  void addressRequest_addIpv4_matchesTheRequestTheKernelAccepted() throws Exception {
    // VRRP-NOTES.md section 4.2: add 198.18.0.201/32 on ifindex 2, sequence 1
    byte[] expected = Hex.bytes("""
        28000000 1400 0506 01000000 00000000
        02 20 00 00 02000000
        0800 0200 c61200c9
        0800 0100 c61200c9""");

    assertThat(RtnlMessages.addressRequest(true, 1, InetAddress.getByName("198.18.0.201"), 32, 2)).isEqualTo(expected);
  }

  @Test
  void addressRequest_addWithOptions_scopeBroadcastLabelAndFlagsAsIproute2SendsThem() throws Exception {
    AddressOptions options = new AddressOptions("va:vip", (java.net.Inet4Address) InetAddress.getByName("198.18.0.255"),
        254, true, true);
    byte[] expected = Hex.bytes("""
        44000000 1400 0506 01000000 00000000
        02 18 00 fe 02000000
        0800 0200 c61200c9
        0800 0100 c61200c9
        0800 0400 c61200ff
        0b00 0300 76613a76697000 00
        0800 0800 00020000""");

    assertThat(RtnlMessages.addressRequest(true, 1, InetAddress.getByName("198.18.0.201"), 24, 2, options))
        .isEqualTo(expected);
  }

  @Test
  void addressRequest_deleteWithOptions_matchedByAddressAlone() throws Exception {
    AddressOptions options = new AddressOptions("va:vip", (java.net.Inet4Address) InetAddress.getByName("198.18.0.255"),
        254, true, false);

    assertThat(RtnlMessages.addressRequest(false, 7, InetAddress.getByName("198.18.0.201"), 24, 3, options))
        .isEqualTo(RtnlMessages.addressRequest(false, 7, InetAddress.getByName("198.18.0.201"), 24, 3));
  }

  @Test
  void addressRequest_ipv6NoPrefixRoute_nodadKeptInTheFlagsAttribute() throws Exception {
    AddressOptions options = new AddressOptions(null, null, 0, true, true);

    byte[] request = RtnlMessages.addressRequest(true, 1, InetAddress.getByName("2001:db8:51::200"), 64, 2, options);

    ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(request).hasSize(16 + 8 + 20 + 8);
    assertThat(b.getShort(44)).isEqualTo((short) 8);
    assertThat(b.getShort(46)).isEqualTo(RtnlMessages.IFA_FLAGS);
    // the kernel reads IFA_FLAGS instead of ifa_flags: NODAD must be in it too
    assertThat(b.getInt(48)).isEqualTo(RtnlMessages.IFA_F_NODAD | RtnlMessages.IFA_F_NOPREFIXROUTE);
  }

  @Test
  void addressRequest_deleteIpv4_typeDelAddrWithRequestAndAckOnly() throws Exception {
    byte[] request = RtnlMessages.addressRequest(false, 7, InetAddress.getByName("198.18.0.201"), 24, 3);

    ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(4)).isEqualTo((short) 21);
    assertThat(b.getShort(6)).isEqualTo((short) 0x0005);
    assertThat(b.getInt(8)).isEqualTo(7);
    assertThat(request[17]).isEqualTo((byte) 24);
    assertThat(b.getInt(20)).isEqualTo(3);
  }

  @Test
  void addressRequest_ipv6_familyTenNodadAndOneSixteenByteAttribute() throws Exception {
    byte[] request = RtnlMessages.addressRequest(true, 1, InetAddress.getByName("2001:db8:51::200"), 64, 2);

    assertThat(request).hasSize(16 + 8 + 20);
    assertThat(request[16]).isEqualTo((byte) 10);
    assertThat(request[18] & RtnlMessages.IFA_F_NODAD).isNotZero();
    assertThat(request[24]).isEqualTo((byte) 20); // rta_len
    assertThat(request[26]).isEqualTo((byte) RtnlMessages.IFA_ADDRESS);
  }

  @Test
  void ack_errorMessageForOurSequence_positiveErrnoWithoutText() {
    byte[] ack = error(5, -17);

    assertThat(RtnlMessages.ack(ack, ack.length, 5)).isEqualTo(new RtnlMessages.Ack(17, ""));
    assertThat(RtnlMessages.ack(ack, ack.length, 6)).isNull();
    assertThat(RtnlMessages.ack(error(9, 0), 36, 9).errno()).isZero();
  }

  @Test
  void ack_extendedAckWithMessage_kernelTextRead() {
    // NLMSG_ERROR with NLM_F_CAPPED | NLM_F_ACK_TLVS, then NLMSGERR_ATTR_MSG "ipv4: Address already assigned."
    byte[] text = "ipv4: Address already assigned.\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int attribute = 4 + text.length;
    int length = 16 + 4 + 16 + ((attribute + 3) & ~3);
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(length).putShort((short) 2).putShort((short) 0x300).putInt(4).putInt(0);
    b.putInt(-17).putInt(40).putShort((short) 20).putShort((short) 0x605).putInt(4).putInt(0);
    b.putShort((short) attribute).putShort((short) 1).put(text);

    assertThat(RtnlMessages.ack(b.array(), length, 4)).isEqualTo(new RtnlMessages.Ack(17, "ipv4: Address already assigned."));
  }

  @Test
  void readDump_addressMessagesThenDone_collectsAddressesUntilDone() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    // RTM_NEWADDR: ifindex 4, 198.18.0.1/24, IFA_ADDRESS then IFA_LOCAL
    b.putInt(40).putShort((short) 20).putShort((short) 2).putInt(11).putInt(0);
    b.put((byte) 2).put((byte) 24).put((byte) 0x01).put((byte) 0).putInt(4);
    b.putShort((short) 8).putShort((short) 1).put(new byte[] {(byte) 198, 18, 0, 1});
    b.putShort((short) 8).putShort((short) 2).put(new byte[] {(byte) 198, 18, 0, 1});
    b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(11).putInt(0).putInt(0);
    List<InterfaceAddress> out = new ArrayList<>();

    boolean done = RtnlMessages.readDump(b.array(), b.position(), 11, out);

    assertThat(done).isTrue();
    assertThat(out).containsExactly(new InterfaceAddress(4, 2, InetAddress.getByName("198.18.0.1"), 24, 1, 0));
    assertThat(out.get(0).isSecondary()).isTrue();
  }

  @Test
  void readDump_kernelRefuses_throwsWithErrno() {
    byte[] refused = error(3, -1);

    assertThatThrownBy(() -> RtnlMessages.readDump(refused, refused.length, 3, new ArrayList<>()))
        .isInstanceOf(ErrnoException.class).hasMessageContaining("errno 1");
  }

  @Test
  void readDump_lengthBeyondDatagram_stopsWithoutReading() {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4096).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);

    assertThat(catchDone(b.array())).isFalse();
  }

  @Test
  void linkFlags_newLinkThenDelLinkOfOurInterface_lastWordWins() {
    ByteBuffer b = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(32).putShort((short) 16).putShort((short) 0).putInt(0).putInt(0); // RTM_NEWLINK ifindex 3 RUNNING
    b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(3).putInt(0x1043).putInt(0);
    b.putInt(32).putShort((short) 16).putShort((short) 0).putInt(0).putInt(0); // another interface
    b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(4).putInt(0x1003).putInt(0);

    assertThat(RtnlMessages.linkFlags(b.array(), 64, 3)).isEqualTo(0x1043);
    assertThat(RtnlMessages.linkFlags(b.array(), 64, 4) & RtnlMessages.IFF_RUNNING).isZero();
    assertThat(RtnlMessages.linkFlags(b.array(), 64, 5)).isNull();
    b.putInt(32).putShort((short) 17).putShort((short) 0).putInt(0).putInt(0); // RTM_DELLINK ifindex 3
    b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(3).putInt(0).putInt(0);
    assertThat(RtnlMessages.linkFlags(b.array(), 96, 3)).isEqualTo(-1);
  }

  @Test
  void linkRequest_getLinkOfOneInterface() {
    ByteBuffer b = ByteBuffer.wrap(RtnlMessages.linkRequest(9, 3)).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(b.getInt(0)).isEqualTo(32);
    assertThat(b.getShort(4)).isEqualTo((short) 18);
    assertThat(b.getInt(8)).isEqualTo(9);
    assertThat(b.getInt(20)).isEqualTo(3);
  }

  private static boolean catchDone(byte[] datagram) {
    try {
      return RtnlMessages.readDump(datagram, datagram.length, 1, new ArrayList<>());
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /** NLMSG_ERROR: header, then the error code and a copy of the request header. */
  private static byte[] error(int sequence, int error) {
    ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(sequence).putInt(0);
    b.putInt(error).putInt(40).putShort((short) 20).putShort((short) 0x605).putInt(sequence).putInt(0);
    return b.array();
  }
}
