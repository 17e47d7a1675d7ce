/**
 * VRRP v2/v3 elections that interoperate with keepalived: {@link io.hakit.vrrp.VrrpInstance} (built
 * with {@link io.hakit.vrrp.VrrpInstance#builder()}) runs one virtual router, moves its virtual
 * addresses through a {@link io.hakit.vrrp.address.VirtualAddressManager}, speaks through a
 * {@link io.hakit.vrrp.transport.VrrpTransport}, tracks {@link io.hakit.core.health.HealthSource}s
 * and tells {@link io.hakit.vrrp.VrrpStateListener}s about its state (keepalived's notify hooks).
 *
 * <p>Threads per instance: {@code vrrp-NAME} owns the state machine and sends adverts on deadlines
 * (where the transport can, it queues the next ones in the kernel, which sends them on time even
 * during a GC pause); {@code vrrp-NAME-addr} adds and removes addresses, sends announcements and
 * calls listeners, so a slow address manager or listener never delays an advert; the transport's
 * own receive thread stamps each packet's arrival (the backup's down timer counts from it), decodes
 * and validates it and hands accepted adverts to {@code vrrp-NAME}.
 */
@NullMarked
package io.hakit.vrrp;

import org.jspecify.annotations.NullMarked;
