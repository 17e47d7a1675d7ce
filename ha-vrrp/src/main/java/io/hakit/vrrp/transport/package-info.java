/**
 * The {@link io.hakit.vrrp.transport.VrrpTransport} SPI that carries VRRP messages, and its
 * implementations.
 */
@NullMarked
package io.hakit.vrrp.transport;

import org.jspecify.annotations.NullMarked;
