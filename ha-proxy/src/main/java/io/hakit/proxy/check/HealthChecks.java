package io.hakit.proxy.check;

import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.syslog.LogOutputs;
import io.hakit.proxy.syslog.LogTargets;
import io.hakit.proxy.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The health checks of every server with {@code check}, each on an event loop of the proxy
 * (spread round robin): no thread of their own. Servers in maintenance are checked too, as
 * HAProxy does, so that {@code enable server} finds their real state.
 */
public final class HealthChecks {
  private final List<ServerChecker> checkers = new ArrayList<>();

  public HealthChecks(Collection<BackendState> backends, EventLoopGroup group, Transport transport,
      LogOutputs logs) {
    for (BackendState b : backends) {
      LogTargets events = logs.targetsFor(b.model().log().targets());
      for (ServerState s : b.servers()) {
        if (s.model().check().enabled()) {
          checkers.add(new ServerChecker(s, group.next(), transport, events));
        }
      }
    }
  }

  public void start() {
    checkers.forEach(ServerChecker::start);
  }

  public void stop() {
    checkers.forEach(ServerChecker::stop);
  }
}
