package io.hakit.vrrp.config;

import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.transport.UdpTransportFactory;
import java.nio.file.Path;

/** A child JVM for {@link KeepalivedRunnerForegroundTest}: {@code runForeground(conf)} over UDP. */
final class ForegroundMain {
  private ForegroundMain() {}

  public static void main(String[] args) {
    int code = KeepalivedRunner.runForeground(Path.of(args[0]), new UdpTransportFactory(Integer.parseInt(args[1])),
        CallbackAddressManager.builder().build(), System.err);
    System.exit(code);
  }
}
