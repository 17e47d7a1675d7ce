package io.hakit.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdvertisementCodecTest {
  private static final InetAddress SRC = addr("198.18.0.11");
  private static final InetAddress PEER = addr("198.18.0.12");
  private static final List<InetAddress> VIPS = List.of(addr("198.18.0.200"), addr("198.18.0.201"));

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void decode_truncatedAtEveryLength_droppedTruncated() {
    byte[] full = AdvertisementCodec.encode(Advertisement.v2(7, 100, 1, VIPS), SRC, VrrpProtocol.GROUP_V4);
    for (int len = 0; len < full.length; len++) {
      DecodeResult r = AdvertisementCodec.decode(Arrays.copyOf(full, len), SRC, VrrpProtocol.GROUP_V4);
      assertThat(r.dropReason()).as("length %d", len).isEqualTo(DropReason.TRUNCATED);
    }
    assertThat(AdvertisementCodec.decode(full, SRC, VrrpProtocol.GROUP_V4).isAccepted()).isTrue();
  }

  @Test
  void decode_flippedBit_droppedBadChecksum() {
    byte[] msg = AdvertisementCodec.encode(Advertisement.v3(7, 100, 100, VIPS), SRC, VrrpProtocol.GROUP_V4);
    msg[9] ^= 0x01;
    assertThat(AdvertisementCodec.decode(msg, SRC, VrrpProtocol.GROUP_V4).dropReason())
        .isEqualTo(DropReason.BAD_CHECKSUM);
  }

  @Test
  void decode_badVersionAndType_droppedWithReason() {
    byte[] msg = AdvertisementCodec.encode(Advertisement.v2(7, 100, 1, VIPS), SRC, VrrpProtocol.GROUP_V4);
    byte[] v4 = msg.clone();
    v4[0] = 0x41;
    assertThat(AdvertisementCodec.decode(v4, SRC, VrrpProtocol.GROUP_V4).dropReason()).isEqualTo(DropReason.BAD_VERSION);
    byte[] type2 = msg.clone();
    type2[0] = 0x22;
    assertThat(AdvertisementCodec.decode(type2, SRC, VrrpProtocol.GROUP_V4).dropReason()).isEqualTo(DropReason.BAD_TYPE);
  }

  @Test
  void decode_v2FromIpv6Source_droppedBadFamily() {
    byte[] msg = AdvertisementCodec.encode(Advertisement.v2(7, 100, 1, VIPS), SRC, VrrpProtocol.GROUP_V4);
    assertThat(AdvertisementCodec.decode(msg, addr("fe80::1"), VrrpProtocol.GROUP_V6).dropReason())
        .isEqualTo(DropReason.BAD_FAMILY);
  }

  @Test
  void decode_v3UnicastWithOldGroupChecksum_accepted() {
    // keepalived < 1.3.7 computed the unicast v3 checksum with 224.0.0.18 in the pseudo-header.
    byte[] old = AdvertisementCodec.encode(Advertisement.v3(7, 100, 100, VIPS), SRC, VrrpProtocol.GROUP_V4);
    DecodeResult r = AdvertisementCodec.decode(old, SRC, PEER);
    assertThat(r.isAccepted()).isTrue();
    byte[] current = AdvertisementCodec.encode(Advertisement.v3(7, 100, 100, VIPS), SRC, PEER);
    assertThat(current).isNotEqualTo(old);
    assertThat(AdvertisementCodec.decode(current, SRC, PEER).isAccepted()).isTrue();
  }

  @Test
  void decode_randomBytes_neverThrows() {
    Random random = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[random.nextInt(80)];
      random.nextBytes(junk);
      if (random.nextBoolean() && junk.length > 0) {
        junk[0] = (byte) (random.nextBoolean() ? 0x21 : 0x31);
      }
      InetAddress src = random.nextBoolean() ? SRC : addr("fe80::1");
      InetAddress dst = src.getAddress().length == 4 ? VrrpProtocol.GROUP_V4 : VrrpProtocol.GROUP_V6;
      DecodeResult r = AdvertisementCodec.decode(junk, src, dst);
      assertThat(r.isAccepted() || r.dropReason() != null).isTrue();
      accepted += r.isAccepted() ? 1 : 0;
    }
    // Random bytes hardly ever carry a valid checksum.
    assertThat(accepted).isLessThan(200);
  }

  @Test
  void decode_rangeOutsideBuffer_droppedTruncated() {
    assertThat(AdvertisementCodec.decode(new byte[10], 8, 10, SRC, VrrpProtocol.GROUP_V4).dropReason())
        .isEqualTo(DropReason.TRUNCATED);
  }

  @Test
  void encode_v3Ipv6RoundTrip_equal() {
    InetAddress ll = addr("fe80::1");
    Advertisement ad = Advertisement.v3(9, 254, 4095, List.of(addr("2001:db8::1"), addr("2001:db8::2")));
    byte[] bytes = AdvertisementCodec.encode(ad, ll, VrrpProtocol.GROUP_V6);
    assertThat(bytes).hasSize(8 + 32);
    assertThat(AdvertisementCodec.decode(bytes, ll, VrrpProtocol.GROUP_V6).advertisementOrThrow()).isEqualTo(ad);
  }

  @Test
  void encode_mixedFamilies_rejectedNamingFamilies() {
    Advertisement ad = Advertisement.v3(9, 100, 100, VIPS);
    assertThatThrownBy(() -> AdvertisementCodec.encode(ad, addr("fe80::1"), VrrpProtocol.GROUP_V6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one address family");
  }

  @Test
  void constructor_outOfRange_messageNamesParameterAndRange() {
    assertThatThrownBy(() -> Advertisement.v3(0, 100, 100, VIPS)).hasMessage("vrid: 0 (expected: 1-255)");
    assertThatThrownBy(() -> Advertisement.v3(1, 100, 4096, VIPS))
        .hasMessage("advertInterval: 4096 (expected: 0-4095)");
    assertThatThrownBy(() -> Advertisement.v2(1, 256, 1, VIPS)).hasMessage("priority: 256 (expected: 0-255)");
  }
}
