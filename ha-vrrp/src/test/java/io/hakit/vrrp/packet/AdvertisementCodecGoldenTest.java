package io.hakit.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decodes keepalived's real adverts field by field and re-encodes them byte for byte. */
class AdvertisementCodecGoldenTest {
  private static Map<Integer, byte[]> vectors;

  @BeforeAll
  static void load() {
    vectors = GoldenVectors.load();
  }

  private static Advertisement decodeVector(int n, GoldenVectors.IpPacket ip) {
    assertThat(ip.ttl()).as("vector %d TTL", n).isEqualTo(255);
    DecodeResult r = AdvertisementCodec.decode(ip.payload(), ip.source(), ip.destination());
    assertThat(r.isAccepted()).as("vector %d: %s", n, r).isTrue();
    return r.advertisementOrThrow();
  }

  private static void assertReencodes(int n, GoldenVectors.IpPacket ip, Advertisement ad) {
    assertThat(AdvertisementCodec.encode(ad, ip.source(), ip.destination())).as("vector %d re-encoded", n)
        .isEqualTo(ip.payload());
  }

  @Test
  void vectorFile_holdsAllVrrpVectors() {
    assertThat(vectors).containsKeys(1, 2, 3, 4, 5, 6, 9, 10);
  }

  @Test
  void decode_v2NoAuthPriority150_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(1));
    Advertisement ad = decodeVector(1, ip);
    assertThat(ad.version()).isEqualTo(2);
    assertThat(ad.vrid()).isEqualTo(51);
    assertThat(ad.priority()).isEqualTo(150);
    assertThat(ad.authType()).isZero();
    assertThat(ad.advertInterval()).isEqualTo(1);
    assertThat(ad.intervalCentis()).isEqualTo(100);
    assertThat(ad.addresses()).containsExactly(InetAddress.getByName("198.18.0.200"));
    assertThat(ad.authData()).containsOnly(0);
    assertThat(ip.source()).isEqualTo(InetAddress.getByName("198.18.0.11"));
    assertReencodes(1, ip, ad);
    assertThat(ad).isEqualTo(Advertisement.v2(51, 150, 1, ad.addresses()));
  }

  @Test
  void decode_v2Priority0_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(2));
    Advertisement ad = decodeVector(2, ip);
    assertThat(ad.version()).isEqualTo(2);
    assertThat(ad.priority()).isZero();
    assertThat(ad.vrid()).isEqualTo(51);
    assertThat(ad.advertInterval()).isEqualTo(1);
    assertThat(ad.addresses()).containsExactly(InetAddress.getByName("198.18.0.200"));
    assertReencodes(2, ip, ad);
    assertThat(AdvertisementCodec.encode(Advertisement.v2(51, 150, 1, ad.addresses()).withPriority(0),
        ip.source(), ip.destination())).isEqualTo(ip.payload());
  }

  @Test
  void decode_v2Password_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(3));
    Advertisement ad = decodeVector(3, ip);
    assertThat(ad.authType()).isEqualTo(VrrpProtocol.AUTH_PASSWORD);
    assertThat(new String(ad.authData(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("secret12");
    assertThat(ad.priority()).isEqualTo(150);
    assertReencodes(3, ip, ad);
    Advertisement built = Advertisement.v2WithPassword(51, 150, 1, ad.addresses(), "secret12");
    assertThat(AdvertisementCodec.encode(built, ip.source(), ip.destination())).isEqualTo(ip.payload());
    // keepalived cuts longer passwords to 8 bytes.
    assertThat(Advertisement.v2WithPassword(51, 150, 1, ad.addresses(), "secret12andmore")).isEqualTo(built);
  }

  @Test
  void decode_v3Ipv4Priority150_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(4));
    Advertisement ad = decodeVector(4, ip);
    assertThat(ad.version()).isEqualTo(3);
    assertThat(ad.vrid()).isEqualTo(51);
    assertThat(ad.priority()).isEqualTo(150);
    assertThat(ad.advertInterval()).isEqualTo(100);
    assertThat(ad.authData()).isEmpty();
    assertThat(ad.addresses()).containsExactly(InetAddress.getByName("198.18.0.200"));
    assertReencodes(4, ip, ad);
    assertThat(AdvertisementCodec.encode(Advertisement.v3(51, 150, 100, ad.addresses()), ip.source(),
        VrrpProtocol.GROUP_V4)).isEqualTo(ip.payload());
  }

  @Test
  void decode_v3Ipv4Priority0_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(5));
    Advertisement ad = decodeVector(5, ip);
    assertThat(ad.version()).isEqualTo(3);
    assertThat(ad.priority()).isZero();
    assertThat(ad.advertInterval()).isEqualTo(100);
    assertReencodes(5, ip, ad);
  }

  @Test
  void decode_v3Ipv6_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(6));
    assertThat(ip.source()).isEqualTo(InetAddress.getByName("fe80::c6ff:fe12:b"));
    assertThat(ip.destination()).isEqualTo(VrrpProtocol.GROUP_V6);
    Advertisement ad = decodeVector(6, ip);
    assertThat(ad.version()).isEqualTo(3);
    assertThat(ad.isIpv6()).isTrue();
    assertThat(ad.priority()).isEqualTo(150);
    assertThat(ad.advertInterval()).isEqualTo(100);
    assertThat(ad.addresses()).containsExactly(InetAddress.getByName("2001:db8:51::200"));
    assertReencodes(6, ip, ad);
  }

  @Test
  void decode_javaBuiltV2AndV3_fieldsAndBytes() throws Exception {
    GoldenVectors.IpPacket v2 = GoldenVectors.split(vectors.get(9));
    Advertisement ad2 = decodeVector(9, v2);
    assertThat(ad2.priority()).isEqualTo(200);
    assertThat(ad2.version()).isEqualTo(2);
    assertReencodes(9, v2, ad2);
    GoldenVectors.IpPacket v3 = GoldenVectors.split(vectors.get(10));
    Advertisement ad3 = decodeVector(10, v3);
    assertThat(ad3.priority()).isEqualTo(200);
    assertThat(ad3.advertInterval()).isEqualTo(50);
    assertThat(v3.source()).isEqualTo(InetAddress.getByName("198.18.0.100"));
    assertReencodes(10, v3, ad3);
  }

  @Test
  void decode_v3ChecksumDependsOnSource_otherSourceRejected() throws Exception {
    GoldenVectors.IpPacket ip = GoldenVectors.split(vectors.get(4));
    DecodeResult r = AdvertisementCodec.decode(ip.payload(), InetAddress.getByName("198.18.0.12"), ip.destination());
    assertThat(r.dropReason()).isEqualTo(DropReason.BAD_CHECKSUM);
    assertThat(r.detail()).contains("0xcadf");
  }
}
