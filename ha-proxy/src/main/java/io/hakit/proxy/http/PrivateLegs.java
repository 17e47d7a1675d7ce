package io.hakit.proxy.http;

import io.hakit.proxy.backend.ServerState;
import org.jspecify.annotations.Nullable;

/**
 * The idle server connections of one client connection under {@code http-reuse never}: kept for
 * that client's next requests only, closed with it. At most {@link #MAX} (HAProxy's
 * max-session-srv-conns), one per server at a time as a client has one request in flight.
 * Owned by one session, on its event loop.
 */
final class PrivateLegs {
  /** HAProxy's default max-session-srv-conns. */
  static final int MAX = 5;
  private final ServerLeg[] legs = new ServerLeg[MAX];

  /** Parks a connection for this client; false (and the caller closes it) when full. */
  boolean offer(ServerLeg leg) {
    if (leg.channel == null || !leg.channel.isActive()) {
      return false;
    }
    for (int i = 0; i < MAX; i++) {
      if (legs[i] == null) {
        legs[i] = leg;
        leg.park();
        return true;
      }
    }
    return false;
  }

  /** This client's open idle connection to {@code server}, or null. */
  @Nullable ServerLeg take(ServerState server) {
    for (int i = 0; i < MAX; i++) {
      ServerLeg l = legs[i];
      if (l != null && l.server == server) {
        legs[i] = null;
        if (l.channel != null && l.channel.isActive()) {
          return l;
        }
      }
    }
    return null;
  }

  /** Closes them all (the client connection ended). */
  void closeAll() {
    for (int i = 0; i < MAX; i++) {
      ServerLeg l = legs[i];
      legs[i] = null;
      if (l != null) {
        l.close();
      }
    }
  }
}
