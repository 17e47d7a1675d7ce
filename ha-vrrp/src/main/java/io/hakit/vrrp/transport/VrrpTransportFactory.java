package io.hakit.vrrp.transport;

import java.io.IOException;

/**
 * Makes the transport of one VRRP instance. Implementations: raw IP protocol 112 on Linux
 * ({@code io.hakit.vrrp.linux}), UDP, in-JVM.
 */
@FunctionalInterface
public interface VrrpTransportFactory {
  VrrpTransport create(TransportSpec spec) throws IOException;
}
