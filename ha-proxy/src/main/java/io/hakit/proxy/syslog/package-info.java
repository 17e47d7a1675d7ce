/**
 * Delivery of log lines to the targets a haproxy.cfg names with {@code log}: syslog over UDP, a
 * Unix datagram socket such as {@code /dev/log}, or the process's stdout/stderr, in HAProxy's
 * header formats (rfc3164, rfc5424, short, raw, timed, iso, priority, local).
 */
@NullMarked
package io.hakit.proxy.syslog;

import org.jspecify.annotations.NullMarked;
