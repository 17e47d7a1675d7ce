/**
 * HAProxy's runtime API for the proxy: the {@code stats socket} command line ({@code show stat},
 * {@code show info}, {@code disable server}, {@code set server ... state|weight}, ...) on a Unix
 * domain or TCP socket, and the {@code stats enable} HTML page with its {@code ;csv} export.
 * Reads the counters the sessions keep in {@code backend}; never runs on an event loop.
 */
@NullMarked
package io.hakit.proxy.stats;

import org.jspecify.annotations.NullMarked;
