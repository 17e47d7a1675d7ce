/**
 * HTTP/1.x mode: strict head parsing with HAProxy's limits, streamed bodies, ACL routing,
 * http-request rules, connection modes, server connection reuse, and HAProxy's error responses.
 */
@NullMarked
package io.hakit.proxy.http;

import org.jspecify.annotations.NullMarked;
