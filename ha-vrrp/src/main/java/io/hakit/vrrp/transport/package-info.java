/**
 * The {@link io.hakit.vrrp.transport.VrrpTransport} SPI that carries VRRP messages, and its
 * implementations; the optional {@link io.hakit.vrrp.transport.PacedSender} (adverts timed by the
 * kernel) and {@link io.hakit.vrrp.transport.ThreadScheduling} (nice, SCHED_RR, mlockall) that
 * native transports offer.
 */
@NullMarked
package io.hakit.vrrp.transport;

import org.jspecify.annotations.NullMarked;
