package io.hakit.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.Backend;
import io.hakit.core.model.Frontend;
import io.hakit.proxy.Models;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.balance.BalancerRegistry;
import io.hakit.proxy.logformat.LogContext;
import io.hakit.proxy.syslog.LogTargets;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;

/** The record a session keeps for its log line: addresses, backend accounting, timers. */
class SessionRecordTest {
  /** A channel with real socket addresses, as an accepted connection has. */
  private static final class AcceptedChannel extends EmbeddedChannel {
    private final InetSocketAddress remote;
    private final InetSocketAddress local;

    AcceptedChannel(InetSocketAddress remote, InetSocketAddress local) {
      this.remote = remote;
      this.local = local;
    }

    @Override
    public SocketAddress remoteAddress() {
      return remote;
    }

    @Override
    public SocketAddress localAddress() {
      return local;
    }
  }

  private static AccessLog log() {
    return new AccessLog(Frontend.builder("fe").build(), () -> 4, () -> 3, LogTargets.NONE);
  }

  private static BackendState backend() {
    Backend b = Models.seedBackend("app").server(Models.server("a", 1)).build();
    return new BackendState(b, BalancerRegistry.load().factory(b.balance()));
  }

  @Test
  void accepted_ipv6Client_haproxyTextForm() {
    SessionRecord r = new SessionRecord(log());
    EmbeddedChannel ch = new AcceptedChannel(new InetSocketAddress("::1", 40000), new InetSocketAddress("::1", 80));
    try {
      r.accepted(ch);
      assertThat(r.ip(LogContext.Peer.CLIENT)).isEqualTo("::1");
      assertThat(r.address(LogContext.Peer.FRONTEND).getPort()).isEqualTo(80);
      assertThat(r.address(LogContext.Peer.SERVER)).isNull();
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void attach_countsOnceUntilDetachedOrLogged() {
    BackendState be = backend();
    SessionRecord r = new SessionRecord(log());
    r.attach(be);
    r.attach(be);
    assertThat(be.transactions()).isEqualTo(1);
    assertThat(r.backendName()).isEqualTo("app");
    assertThat(r.counter(LogContext.Counter.BECONN)).isEqualTo(1);
    r.detach();
    r.detach();
    assertThat(be.transactions()).isZero();
    assertThat(r.backendName()).as("the frontend's name without a backend").isEqualTo("fe");
    r.attach(be);
    r.log("--", 0);
    assertThat(be.transactions()).as("a written line ends the transaction").isZero();
  }

  @Test
  void timers_eachPhaseFromItsMarks_minusOneWhenNotReached() {
    SessionRecord r = new SessionRecord(log());
    EmbeddedChannel ch = new AcceptedChannel(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2));
    try {
      r.accepted(ch);
      long t0 = r.acceptedAt;
      r.requestStart = t0 + 5;
      r.headDone = t0 + 7;
      assertThat(r.timer(LogContext.Timer.IDLE)).isEqualTo(5);
      assertThat(r.timer(LogContext.Timer.REQUEST)).isEqualTo(2);
      assertThat(r.timer(LogContext.Timer.QUEUE)).isEqualTo(-1);
      assertThat(r.timer(LogContext.Timer.CONNECT)).isEqualTo(-1);
      assertThat(r.requestDate()).isEqualTo(t0 + 5);
      assertThat(r.status()).isEqualTo(-1);
      assertThat(r.counter(LogContext.Counter.ACTCONN)).isEqualTo(4);
      assertThat(r.counter(LogContext.Counter.FECONN)).isEqualTo(3);
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
