package io.hakit.vrrp;

import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.AdvertisementCodec;
import io.hakit.vrrp.packet.DecodeResult;
import io.hakit.vrrp.packet.DropReason;
import io.hakit.vrrp.packet.VrrpProtocol;
import io.hakit.vrrp.transport.ReceivedMessage;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The receive checks of rfc3768 §7.1 / rfc5798 §7.1 that depend on the instance: TTL 255 (not for
 * unicast, as keepalived), version, VRID, family, v2 authentication and interval, the address list.
 * Stateless after construction, so the transport's receive thread may call it.
 */
final class AdvertValidator {
  private final int version;
  private final int vrid;
  private final boolean ipv6;
  private final boolean unicast;
  private final int authType;
  private final byte[] authData;
  private final int intervalCentis;
  private final Set<InetAddress> addresses;
  private final int addressCount;

  AdvertValidator(InstanceSettings s) {
    this.version = s.version();
    this.vrid = s.vrid();
    this.ipv6 = s.ipv6();
    this.unicast = !s.unicastPeers().isEmpty();
    this.authType = s.password() != null ? VrrpProtocol.AUTH_PASSWORD : VrrpProtocol.AUTH_NONE;
    this.authData = s.password() != null ? Advertisement.passwordBytes(s.password()) : new byte[8];
    this.intervalCentis = s.advertIntervalCentis();
    List<InetAddress> list = s.advertisedAddresses();
    this.addresses = new HashSet<>(list);
    this.addressCount = list.size();
  }

  DecodeResult validate(ReceivedMessage m, InetAddress ownSource) {
    if (!unicast && m.ttl() != VrrpProtocol.REQUIRED_TTL) {
      return DecodeResult.dropped(DropReason.BAD_TTL, "TTL " + m.ttl() + " (expected: 255)");
    }
    if (m.source().getAddress().length != (ipv6 ? 16 : 4)) {
      return DecodeResult.dropped(DropReason.BAD_FAMILY, "from " + m.source().getHostAddress()
          + " (expected: " + (ipv6 ? "IPv6" : "IPv4") + ")");
    }
    DecodeResult r = AdvertisementCodec.decode(m.payload(), m.source(), m.destination());
    Advertisement ad = r.advertisement();
    if (ad == null) {
      return r;
    }
    if (ad.version() != version) {
      return DecodeResult.dropped(DropReason.BAD_VERSION, "version " + ad.version() + " (expected: " + version + ")");
    }
    if (ad.vrid() != vrid) {
      return DecodeResult.dropped(DropReason.WRONG_VRID, "vrid " + ad.vrid() + " (expected: " + vrid + ")");
    }
    if (m.source().equals(ownSource)) {
      return DecodeResult.dropped(DropReason.OWN_PACKET, "our own advert");
    }
    if (version == 2) {
      if (ad.authType() != authType) {
        return DecodeResult.dropped(DropReason.AUTH_MISMATCH, "auth type " + ad.authType() + " (expected: " + authType + ")");
      }
      if (authType == VrrpProtocol.AUTH_PASSWORD && !ad.authDataEquals(authData)) {
        return DecodeResult.dropped(DropReason.AUTH_MISMATCH, "received an invalid password");
      }
      if (ad.intervalCentis() != intervalCentis) {
        return DecodeResult.dropped(DropReason.INTERVAL_MISMATCH, "advertisement interval mismatch mine="
            + intervalCentis / 100 + " sec rcv'd=" + ad.advertInterval() + " sec");
      }
    } else if (ad.advertInterval() == 0) {
      return DecodeResult.dropped(DropReason.INTERVAL_MISMATCH, "advertisement interval 0");
    }
    if (ad.addresses().size() != addressCount || !addresses.containsAll(ad.addresses())) {
      return DecodeResult.dropped(DropReason.ADDRESS_MISMATCH, "addresses " + literals(ad.addresses())
          + " (expected: " + literals(addresses) + ")");
    }
    return r;
  }

  private static String literals(java.util.Collection<InetAddress> list) {
    return list.stream().map(InetAddress::getHostAddress).sorted().toList().toString();
  }
}
