/**
 * HAKit's reverse proxy: {@link io.hakit.proxy.ProxyServer} runs an ha-core
 * {@link io.hakit.core.model.ProxyModel} on Netty (native epoll, NIO fallback).
 */
@NullMarked
package io.hakit.proxy;

import org.jspecify.annotations.NullMarked;
