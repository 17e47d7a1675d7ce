package io.hakit.benchmarks.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One load the rig puts on each proxy. */
enum Scenario {
  /** Keep-alive on both sides, 100-byte bodies: the proxy's per-request cost. */
  KA_SMALL(Listener.MAIN, RigFiles.SMALL_PATH, false, true),
  /** {@code Connection: close} from wrk: one client connection (accept + connect) per request. */
  CLOSE_SMALL(Listener.MAIN, RigFiles.SMALL_PATH, true, true),
  /** Keep-alive, 1 MiB bodies routed to the static backend by the seed's ACL: the byte cost. */
  KA_1MIB(Listener.MAIN, RigFiles.BIG_PATH, false, true),
  /** A {@code mode tcp} frontend relaying keep-alive HTTP to an origin. */
  TCP(Listener.TCP, RigFiles.SMALL_PATH, false, true),
  /** The seed's connection mode, {@code option http-server-close}: a server connection per request. */
  SERVER_CLOSE(Listener.SEED, RigFiles.SMALL_PATH, false, false),
  /** ~9,900 idle keep-alive client connections, one request each: memory per connection. */
  IDLE(Listener.MAIN, RigFiles.SMALL_PATH, false, true),
  /** A {@code mode tcp} frontend relaying keep-alive HTTP with 1 MiB bodies, buffered (no splice option). */
  TCP_1MIB(Listener.TCP_STATIC, RigFiles.BIG_PATH, false, false),
  /** The same with {@code option splice-auto}: the kernel moves the bodies (socket, pipe, socket). */
  TCP_SPLICE_1MIB(Listener.TCP_SPLICE, RigFiles.BIG_PATH, false, false);

  /** Which of the proxy's frontends a scenario loads, and the path that proves it is up. */
  enum Listener {
    MAIN(RigFiles.SMALL_PATH),
    SEED(RigFiles.SMALL_PATH),
    TCP(RigFiles.SMALL_PATH),
    /** TCP mode to the static server, which serves only the big file. */
    TCP_STATIC(RigFiles.BIG_PATH),
    TCP_SPLICE(RigFiles.BIG_PATH);

    private final String probePath;

    Listener(String probePath) {
      this.probePath = probePath;
    }

    String probePath() {
      return probePath;
    }
  }

  private final Listener listener;
  private final String path;
  private final boolean connectionClose;
  private final boolean byDefault;

  Scenario(Listener listener, String path, boolean connectionClose, boolean byDefault) {
    this.listener = listener;
    this.path = path;
    this.connectionClose = connectionClose;
    this.byDefault = byDefault;
  }

  Listener listener() {
    return listener;
  }

  String path() {
    return path;
  }

  boolean connectionClose() {
    return connectionClose;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "ka_small,tcp", "default" or "all". */
  static List<Scenario> parseList(String text) {
    List<Scenario> scenarios = new ArrayList<>();
    for (String item : text.split(",")) {
      String name = item.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("all")) {
        scenarios.addAll(List.of(values()));
      } else if (name.equals("default")) {
        for (Scenario scenario : values()) {
          if (scenario.byDefault) {
            scenarios.add(scenario);
          }
        }
      } else {
        scenarios.add(byLabel(name));
      }
    }
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("no scenario in '" + text + "'");
    }
    return List.copyOf(scenarios);
  }

  private static Scenario byLabel(String name) {
    for (Scenario scenario : values()) {
      if (scenario.label().equals(name)) {
        return scenario;
      }
    }
    List<String> known = new ArrayList<>();
    for (Scenario scenario : values()) {
      known.add(scenario.label());
    }
    throw new IllegalArgumentException(
        "unknown scenario '" + name + "'; known: " + String.join(", ", known) + ", default, all");
  }
}
