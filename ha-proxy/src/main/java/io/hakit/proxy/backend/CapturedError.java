package io.hakit.proxy.backend;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * A request refused as malformed, kept whole for {@code show errors} (HAProxy keeps the last one
 * per proxy): when, from where, the bytes received and where the refused line starts in them.
 * Immutable; the byte array is the parser's own copy and is never written again.
 *
 * @param event this proxy's count of captured errors when this one was taken (from 0)
 */
public record CapturedError(long epochMillis, @Nullable InetSocketAddress source, byte[] bytes, int lineAt,
    long event) {}
