/**
 * Access logs: a frontend's {@link io.hakit.proxy.log.AccessLog} compiles its format once
 * ({@code option httplog}, {@code option tcplog} or {@code log-format}, with the language of {@link
 * io.hakit.proxy.logformat}) and sends each line to the frontend's {@code log} targets, or, for a
 * frontend without any, to the slf4j logger {@code io.hakit.access}; each session keeps a {@link
 * io.hakit.proxy.log.SessionRecord} of its connection or transaction (times, bytes, backend, server,
 * queue position) that the line reads, with the live connection counters. {@link
 * io.hakit.proxy.log.LoggedBytes} counts %B and %U as HAProxy 2.6 does.
 */
@NullMarked
package io.hakit.proxy.log;

import org.jspecify.annotations.NullMarked;
