/**
 * The built-in balancing algorithms (package-private, no Netty types) and the
 * {@link io.hakit.proxy.balance.BalancerRegistry} that binds a {@code balance} name to a factory.
 *
 * <p>HAProxy 2.6's algorithms: {@code roundrobin} (smooth weighted), {@code static-rr} and the
 * {@code map-based} hashes over a weight map built as HAProxy builds its own, {@code consistent}
 * hashes and {@code random[(draws)]} over a ring placed as HAProxy places it, {@code leastconn}
 * and {@code first}. Hashes ({@code source}, {@code uri}, {@code url_param}, {@code hdr}) use the
 * {@code hash-type} function (sdbm, djb2, wt6, crc32, none) and {@code avalanche}, with results
 * equal to HAProxy's, so both proxies send a key to the same server. All share one rule for
 * backups ({@code option allbackups}), skip DOWN and weight-0 servers, full servers
 * ({@code maxconn}) and the server a redispatch excludes.
 *
 * <p>Threading: every balancer but {@code first} is confined to one event loop (the factories ask
 * the proxy for one instance per loop, whose hooks run on that loop): no locks, no allocation per
 * pick. {@code first} is stateless and shared. Server state (up, weight, connections) is read live
 * from the {@link io.hakit.core.balance.ServerView}s, which the proxy publishes safely.
 */
@NullMarked
package io.hakit.proxy.balance;

import org.jspecify.annotations.NullMarked;
