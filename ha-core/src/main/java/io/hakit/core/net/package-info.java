/**
 * Network value types in HAProxy's notation: {@link io.hakit.core.net.Endpoint} (bind and server
 * addresses, port ranges, family prefixes) and {@link io.hakit.core.net.Cidr} (networks for
 * {@code src} ACLs and {@code forwardfor except}). Literals are parsed without DNS.
 */
@NullMarked
package io.hakit.core.net;

import org.jspecify.annotations.NullMarked;
