/**
 * {@code hakit node}: one node of the seed's pair, a haproxy.cfg's proxy and a keepalived.conf's
 * VRRP instances in one process, the VIP following the proxy's health.
 */
@NullMarked
package io.hakit.examples.node;

import org.jspecify.annotations.NullMarked;
