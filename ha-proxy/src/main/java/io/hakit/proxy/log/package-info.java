/**
 * Access logs through the slf4j logger {@code io.hakit.access}: a frontend's {@link
 * io.hakit.proxy.log.AccessLog} compiles its format once ({@code option httplog}, {@code option
 * tcplog} or {@code log-format}, with the language of {@link io.hakit.proxy.logformat}); each
 * session keeps a {@link io.hakit.proxy.log.SessionRecord} of its connection or transaction (times,
 * bytes, backend, server, queue position) that the line reads, with the live connection counters.
 */
@NullMarked
package io.hakit.proxy.log;

import org.jspecify.annotations.NullMarked;
