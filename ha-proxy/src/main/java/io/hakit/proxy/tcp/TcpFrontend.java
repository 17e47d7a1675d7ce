package io.hakit.proxy.tcp;

import io.hakit.core.HaException;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.TimeoutKind;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.TrafficCounters;
import io.hakit.proxy.log.AccessLog;
import io.hakit.proxy.backend.Connector;
import io.netty.channel.ChannelHandler;
import java.util.Map;

/**
 * A TCP-mode frontend: each connection is relayed to a server of its default backend (ACL routing
 * on layer 4 content is not supported yet; only unconditional or {@code src} rules would apply).
 * Immutable and shared by the event loops.
 */
public final class TcpFrontend {
  final Frontend model;
  final BackendState backend;
  final Connector connector;
  final AccessLog log;
  final long clientNanos;
  final TrafficCounters counters = new TrafficCounters();

  public TcpFrontend(Frontend model, Map<String, BackendState> backends, Connector connector, AccessLog log) {
    this.model = model;
    if (model.defaultBackend() == null || !model.backendRules().isEmpty()) {
      throw new HaException("frontend '" + model.name()
          + "': mode tcp: only default_backend is supported (use_backend rules are not yet)");
    }
    this.backend = backends.get(model.defaultBackend());
    this.connector = connector;
    this.log = log;
    this.clientNanos = model.timeouts().get(TimeoutKind.CLIENT).map(java.time.Duration::toNanos).orElse(0L);
  }

  /** This frontend's connections, for show stat. */
  public TrafficCounters counters() {
    return counters;
  }

  public ChannelHandler newSession() {
    return new TcpSession(this);
  }
}
