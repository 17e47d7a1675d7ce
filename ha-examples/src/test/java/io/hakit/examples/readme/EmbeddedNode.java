package io.hakit.examples.readme;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.model.ProxyModel;
import io.hakit.proxy.ProxyServer;
import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.address.VirtualAddressManager;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's "Embed it" snippet, kept compiling and running by {@link EmbeddedNodeTest} (which
 * also checks the README still shows exactly these lines).
 */
final class EmbeddedNode {
  private EmbeddedNode() {}

  record Started(ProxyServer proxy, VrrpInstance vrrp) {}

  static Started start(Path haproxyCfg, String vip, String iface, VrrpTransportFactory transports,
      VirtualAddressManager vips) {
    // README-snippet-start
    // 1. The proxy, from an unchanged haproxy.cfg.
    ProxyModel model = new HaproxyConfigReader().read(List.of(haproxyCfg)).model();
    ProxyServer proxy = ProxyServer.builder(model).build();
    proxy.start().toCompletableFuture().join();

    // 2. The floating IP, following the proxy's health (weight 0: FAULT, and the VIP moves, while
    //    the proxy is not listening).
    VrrpInstance vrrp = VrrpInstance.builder()
        .name("VI_1").vrid(51).priority(150).interfaceName(iface)
        .virtualAddress(vip)
        .track(proxy.listeningHealth(), 0)
        .transportFactory(transports)      // new LinuxRawTransportFactory() on a real node
        .addressManager(vips)              // new NetlinkAddressManager() on a real node
        .build();
    vrrp.start().toCompletableFuture().join();
    // README-snippet-end
    return new Started(proxy, vrrp);
  }
}
