/**
 * VRRP advertisements and their wire format: {@link io.hakit.vrrp.packet.Advertisement} and
 * {@link io.hakit.vrrp.packet.AdvertisementCodec} for VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798),
 * IPv4 and IPv6, byte for byte what keepalived sends. Decoding never throws on bad input: it returns
 * a {@link io.hakit.vrrp.packet.DecodeResult} naming a {@link io.hakit.vrrp.packet.DropReason}.
 * Pure code, no sockets, no threads.
 */
@NullMarked
package io.hakit.vrrp.packet;

import org.jspecify.annotations.NullMarked;
