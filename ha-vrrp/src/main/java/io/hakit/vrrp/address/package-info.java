/**
 * The {@link io.hakit.vrrp.address.VirtualAddressManager} SPI that moves virtual addresses, and its
 * implementations.
 */
@NullMarked
package io.hakit.vrrp.address;

import org.jspecify.annotations.NullMarked;
