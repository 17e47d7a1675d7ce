/**
 * The choice between Netty's native epoll transport and NIO, made once at start: channel classes
 * and event loop groups for both legs of a proxied connection; on epoll, kernel splicing between
 * two sockets ({@link io.hakit.proxy.transport.Splicing}) and their received-byte counters
 * ({@link io.hakit.proxy.transport.TcpInfo}).
 */
@NullMarked
package io.hakit.proxy.transport;

import org.jspecify.annotations.NullMarked;
