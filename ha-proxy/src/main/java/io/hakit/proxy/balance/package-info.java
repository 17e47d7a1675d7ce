/**
 * The built-in balancing algorithms (package-private, no Netty types) and the
 * {@link io.hakit.proxy.balance.BalancerRegistry} that binds a {@code balance} name to a factory.
 */
@NullMarked
package io.hakit.proxy.balance;

import org.jspecify.annotations.NullMarked;
