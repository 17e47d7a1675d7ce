package io.hakit.proxy.backend;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * A request or response head refused as malformed, kept whole for {@code show errors} (HAProxy
 * keeps the last one of each kind per proxy): when, from which client, the bytes received and
 * where the refused line starts in them. Immutable; the byte array is the parser's own copy and is
 * never written again.
 *
 * @param event this proxy's count of captured errors when this one was taken (from 0)
 * @param frontend for a response, the frontend the request came through (null for a request)
 * @param server for a response, the server that sent it (null for a request)
 */
public record CapturedError(long epochMillis, @Nullable InetSocketAddress source, byte[] bytes, int lineAt,
    long event, @Nullable String frontend, @Nullable ServerState server) {}
