package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Picks free loopback ports, never the same one twice in a run. */
final class Ports {

  private final Set<Integer> handedOut = new HashSet<>();

  int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = socket.getLocalPort();
        if (handedOut.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free loopback port", e);
      }
    }
    throw new RigFailure("no free loopback port after 100 attempts");
  }
}
