/**
 * The choice between Netty's native epoll transport and NIO, made once at start: channel classes
 * and event loop groups for both legs of a proxied connection.
 */
@NullMarked
package io.hakit.proxy.transport;

import org.jspecify.annotations.NullMarked;
