/**
 * TCP mode: a zero-copy byte relay between a client and a server on one event loop; with
 * {@code option splice-request/-response/-auto} on native epoll, the kernel moves the bytes
 * (socket, pipe, socket) and the byte counts come from the sockets' TCP_INFO.
 */
@NullMarked
package io.hakit.proxy.tcp;

import org.jspecify.annotations.NullMarked;
