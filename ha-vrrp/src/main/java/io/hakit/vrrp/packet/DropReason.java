package io.hakit.vrrp.packet;

/**
 * Why a received VRRP packet was dropped. The codec reports the first group (the message itself is
 * malformed); the instance reports the second (well formed, but not for us or not acceptable under
 * rfc3768 §7.1 / rfc5798 §7.1).
 */
public enum DropReason {
  /** Shorter than the fixed header, or than the address count requires. */
  TRUNCATED,
  /** Version nibble is neither 2 nor 3, or not the instance's version. */
  BAD_VERSION,
  /** Type nibble is not 1 (ADVERTISEMENT). */
  BAD_TYPE,
  /** v2 over IPv6, or addresses of the other family than the instance's. */
  BAD_FAMILY,
  /** The checksum does not verify. */
  BAD_CHECKSUM,
  /** IPv4 TTL or IPv6 hop limit is not 255: the packet did not come from the local link. */
  BAD_TTL,
  /** The virtual router id is not the instance's. */
  WRONG_VRID,
  /** v2: the authentication type or the password differs from the instance's. */
  AUTH_MISMATCH,
  /** v2: the advert interval differs from the instance's (rfc3768 §7.1 MUST discard). */
  INTERVAL_MISMATCH,
  /** The address count or the addresses differ from the instance's virtual addresses. */
  ADDRESS_MISMATCH,
  /** The packet carries this node's own source address (a looped-back multicast). */
  OWN_PACKET,
  /** The packet could not be processed for another reason (logged). */
  INTERNAL_ERROR
}
