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
import java.util.concurrent.atomic.LongAdder;

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
  final SpliceSettings spliceSettings;
  final SplicePolicy splice;
  /** Directions switched to splice, and the bytes the kernel moved for them (tests, diagnostics). */
  final LongAdder splices = new LongAdder();
  final LongAdder splicedBytes = new LongAdder();

  public TcpFrontend(Frontend model, Map<String, BackendState> backends, Connector connector, AccessLog log) {
    this(model, backends, connector, log, SpliceSettings.OFF);
  }

  /**
   * @param spliceSettings the global splice settings; with them off, {@code option splice-*} is
   *     ignored and every connection uses the buffered relay
   */
  public TcpFrontend(Frontend model, Map<String, BackendState> backends, Connector connector, AccessLog log,
      SpliceSettings spliceSettings) {
    this.model = model;
    if (model.defaultBackend() == null || !model.backendRules().isEmpty()) {
      throw new HaException("frontend '" + model.name()
          + "': mode tcp: only default_backend is supported (use_backend rules are not yet)");
    }
    this.backend = backends.get(model.defaultBackend());
    this.spliceSettings = spliceSettings;
    this.splice = SplicePolicy.of(model, backend.model(), spliceSettings);
    this.connector = connector;
    this.log = log;
    this.clientNanos = model.timeouts().get(TimeoutKind.CLIENT).map(java.time.Duration::toNanos).orElse(0L);
  }

  /** This frontend's connections, for show stat. */
  public TrafficCounters counters() {
    return counters;
  }

  /**
   * Whether this frontend's connections may splice: their server connections then report the
   * server's FIN as an event instead of closing (see {@link Connector}).
   */
  public boolean splices() {
    return splice.any();
  }

  /** Directions of this frontend's connections that switched to kernel splicing so far. */
  public long splicedDirections() {
    return splices.sum();
  }

  /** Bytes of finished connections that the kernel moved by splicing (not through buffers). */
  public long splicedBytes() {
    return splicedBytes.sum();
  }

  public ChannelHandler newSession() {
    return new TcpSession(this);
  }
}
