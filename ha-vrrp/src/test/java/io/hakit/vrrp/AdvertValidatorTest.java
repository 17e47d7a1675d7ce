package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.AdvertisementCodec;
import io.hakit.vrrp.packet.DropReason;
import io.hakit.vrrp.packet.VrrpProtocol;
import io.hakit.vrrp.transport.ReceivedMessage;
import io.hakit.vrrp.transport.TransportSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AdvertValidatorTest {
  private static final InetAddress ME = addr("198.18.0.11");
  private static final InetAddress PEER = addr("198.18.0.12");
  private static final InetAddress G = VrrpProtocol.GROUP_V4;
  private static final List<InetAddress> VIP = List.of(addr("198.18.0.200"));

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static AdvertValidator validator(int version, @Nullable String password, boolean unicast) {
    return new AdvertValidator(new InstanceSettings("VI", 51, 100, "eth0",
        List.of(new VirtualAddress(VIP.get(0), 24, "eth0")), List.of(), version, 100, true, Duration.ZERO,
        unicast ? List.of(PEER) : List.of(), null, password, List.of(), List.of(),
        (TransportSpec spec) -> {
          throw new AssertionError("not used");
        }, CallbackAddressManager.builder().build(), GarpSettings.KEEPALIVED_DEFAULTS, true, false, 0,
        io.hakit.vrrp.transport.ThreadScheduling.UNCHANGED));
  }

  private static @Nullable DropReason check(AdvertValidator v, Advertisement ad, int ttl, InetAddress from) {
    byte[] bytes = AdvertisementCodec.encode(ad, from, G);
    return v.validate(new ReceivedMessage(from, G, ttl, bytes), ME).dropReason();
  }

  @Test
  void validate_v2Rules_eachMismatchHasItsReason() {
    AdvertValidator v = validator(2, "secret12", false);
    Advertisement good = Advertisement.v2WithPassword(51, 150, 1, VIP, "secret12");
    assertThat(check(v, good, 255, PEER)).isNull();
    assertThat(check(v, good, 254, PEER)).isEqualTo(DropReason.BAD_TTL);
    assertThat(check(v, good, 255, ME)).isEqualTo(DropReason.OWN_PACKET);
    assertThat(check(v, Advertisement.v2WithPassword(51, 150, 1, VIP, "wrong"), 255, PEER))
        .isEqualTo(DropReason.AUTH_MISMATCH);
    assertThat(check(v, Advertisement.v2(51, 150, 1, VIP), 255, PEER)).isEqualTo(DropReason.AUTH_MISMATCH);
    assertThat(check(v, Advertisement.v2WithPassword(51, 150, 2, VIP, "secret12"), 255, PEER))
        .isEqualTo(DropReason.INTERVAL_MISMATCH);
    assertThat(check(v, Advertisement.v2WithPassword(52, 150, 1, VIP, "secret12"), 255, PEER))
        .isEqualTo(DropReason.WRONG_VRID);
    assertThat(check(v, Advertisement.v2WithPassword(51, 150, 1, List.of(VIP.get(0), PEER), "secret12"), 255, PEER))
        .isEqualTo(DropReason.ADDRESS_MISMATCH);
    assertThat(check(v, Advertisement.v3(51, 150, 100, VIP), 255, PEER)).isEqualTo(DropReason.BAD_VERSION);
  }

  @Test
  void validate_v3_otherIntervalAcceptedZeroRejected() {
    AdvertValidator v = validator(3, null, false);
    assertThat(check(v, Advertisement.v3(51, 150, 50, VIP), 255, PEER)).isNull();
    assertThat(check(v, Advertisement.v3(51, 150, 0, VIP), 255, PEER)).isEqualTo(DropReason.INTERVAL_MISMATCH);
  }

  @Test
  void validate_unicast_ttlNotChecked() {
    // keepalived skips the TTL check for unicast peers (routed unicast arrives with TTL < 255).
    AdvertValidator v = validator(3, null, true);
    assertThat(check(v, Advertisement.v3(51, 150, 100, VIP), 64, PEER)).isNull();
  }

  @Test
  void validate_ipv6SourceForIpv4Instance_badFamily() {
    AdvertValidator v = validator(3, null, false);
    byte[] bytes = AdvertisementCodec.encode(Advertisement.v3(51, 150, 100, List.of(addr("2001:db8::1"))),
        addr("fe80::1"), VrrpProtocol.GROUP_V6);
    assertThat(v.validate(new ReceivedMessage(addr("fe80::1"), VrrpProtocol.GROUP_V6, 255, bytes), ME).dropReason())
        .isEqualTo(DropReason.BAD_FAMILY);
  }
}
