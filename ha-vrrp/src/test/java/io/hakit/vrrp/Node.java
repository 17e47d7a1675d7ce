package io.hakit.vrrp;

import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.address.VirtualAddress;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** One test node: an instance, its callback address manager and its recorded state changes. */
final class Node {
  final VrrpInstance instance;
  final CallbackAddressManager addresses = CallbackAddressManager.builder().build();
  final StateRecorder states = new StateRecorder();

  Node(String name, int priority, VrrpTransportFactory transports, UnaryOperator<VrrpInstanceBuilder> extra) {
    this(name, priority, transports, extra, true);
  }

  Node(String name, int priority, VrrpTransportFactory transports, UnaryOperator<VrrpInstanceBuilder> extra,
      boolean ipv4Vip) {
    VrrpInstanceBuilder b = VrrpInstance.builder()
        .name(name).vrid(51).priority(priority).interfaceName("test0");
    if (ipv4Vip) {
      b.virtualAddress("198.18.0.200/24");
    }
    b.transportFactory(transports).addressManager(addresses).listener(states)
        .garp(new GarpSettings(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    instance = extra.apply(b).build();
  }

  Node start() throws Exception {
    instance.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return this;
  }

  Set<VirtualAddress> vips() {
    return addresses.present();
  }

  void close() throws Exception {
    instance.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
