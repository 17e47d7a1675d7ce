/**
 * HAProxy's log-format language (configuration manual 8.2.4 and 7.3): a format string with
 * {@code %var}, {@code %{+Q}var} and {@code %[fetch,converter(args),...]} is compiled once into an
 * immutable list of parts ({@link io.hakit.proxy.logformat.LogFormat}), then evaluated for each
 * transaction against a {@link io.hakit.proxy.logformat.LogContext} without regular expressions
 * and with little allocation. Used for access log lines ({@code log-format}, {@code option httplog},
 * {@code option tcplog}) and for values of {@code http-request set-header}/{@code add-header}.
 */
@NullMarked
package io.hakit.proxy.logformat;

import org.jspecify.annotations.NullMarked;
