package io.hakit.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback TCP ports for tests (the kernel picks; there is a small race, as always). A port is
 * handed out once per JVM: the kernel may offer a just-closed port again, and two listeners that
 * both set SO_REUSEPORT (haproxy does) would then share it and split a test's connections.
 */
public final class FreePorts {
  private static final Set<Integer> given = new HashSet<>();

  private FreePorts() {}

  public static synchronized int next() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        if (given.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no loopback port not handed out before, after 1000 tries");
  }
}
