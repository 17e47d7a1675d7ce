package io.hakit.examples.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * The demo's knobs, with defaults that show a takeover within a second.
 *
 * @param vip the loopback address playing the VIP (only the master binds it)
 * @param port the seed frontend's port (5000)
 * @param staticPort the origin of backend {@code static} (the seed's 127.0.0.1:4331)
 * @param appPort the origin of backend {@code app} (the seed leaves it empty; the demo adds one)
 * @param vrrpPort the UDP port the two nodes' VRRP adverts use on loopback
 * @param advertInterval VRRP v3 advert interval
 * @param steady how long each phase runs before the next event
 * @param requestInterval the client's pace
 */
public record DemoOptions(String vip, int port, int staticPort, int appPort, int vrrpPort, Duration advertInterval,
    Duration steady, Duration requestInterval) {

  public static final DemoOptions DEFAULTS = new DemoOptions("127.0.0.200", 5000, 4331, 4332, 11_200,
      Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100));

  public DemoOptions {
    Objects.requireNonNull(vip, "vip");
    if (!vip.startsWith("127.")) {
      throw new IllegalArgumentException("vip: " + vip + " (expected: a loopback address 127.x.y.z; the demo runs without root)");
    }
    for (int p : new int[] {port, staticPort, appPort, vrrpPort}) {
      if (p < 1 || p > 65_535) {
        throw new IllegalArgumentException("port: " + p + " (expected: 1-65535)");
      }
    }
    if (advertInterval.toMillis() < 10 || advertInterval.toMillis() % 10 != 0) {
      throw new IllegalArgumentException("advertInterval: " + advertInterval.toMillis() + " ms (expected: a multiple of 10 ms, >= 10)");
    }
    if (steady.isNegative() || steady.isZero() || requestInterval.isNegative() || requestInterval.isZero()) {
      throw new IllegalArgumentException("steady/requestInterval: expected > 0");
    }
  }
}
