package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.Backend;
import io.hakit.core.model.IdleConnectionPool;
import io.hakit.core.model.Server;
import io.hakit.proxy.Await;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.balance.BalancerRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle pool of one server on one loop: its order, O(1) removal, and haproxy 2.6's keep and
 * purge rules (the purge figures are the ones haproxy 2.6.12 showed in {@code show servers conn}
 * for the same sequence, nbthread 1).
 */
class IdlePoolTest {
  private final EmbeddedChannel loopOwner = new EmbeddedChannel();
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    loopOwner.finishAndReleaseAll();
  }

  private static ServerState server(IdleConnectionPool pool) {
    Backend b = Backend.builder("be").server(Server.builder("s1", "127.0.0.1:80").idlePool(pool).build()).build();
    return new BackendState(b, BalancerRegistry.load().factory(b.balance())).servers().get(0);
  }

  private IdlePool pool(IdleConnectionPool cfg) {
    return new IdlePool(server(cfg), loopOwner.eventLoop());
  }

  /** A connected server leg, in use (as after a successful connect). */
  private ServerLeg connected(IdlePool pool) {
    ServerLeg leg = new ServerLeg(pool.server, pool, null);
    EmbeddedChannel ch = new EmbeddedChannel(leg);
    channels.add(ch);
    leg.channel = ch;
    pool.use(leg);
    return leg;
  }

  private List<ServerLeg> connected(IdlePool pool, int n) {
    List<ServerLeg> legs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      legs.add(connected(pool));
    }
    return legs;
  }

  @Test
  void poll_severalParked_longestIdleFirst() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT);
    List<ServerLeg> legs = connected(p, 3);
    legs.forEach(l -> assertThat(p.offer(l, false)).isTrue());

    assertThat(p.poll(false, true)).isSameAs(legs.get(0));
    assertThat(p.poll(false, true)).isSameAs(legs.get(1));
    assertThat(p.poll(false, true)).isSameAs(legs.get(2));
    assertThat(p.poll(true, true)).isNull();
    assertThat(p.used).isEqualTo(3);
  }

  @Test
  void poll_provenAndUnproven_provenFirstAndOnlyFromAllowedLists() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT);
    ServerLeg unproven = connected(p);
    ServerLeg proven = connected(p);
    assertThat(p.offer(unproven, false)).isTrue();
    assertThat(p.offer(proven, true)).isTrue();

    assertThat(p.poll(false, false)).isNull();
    assertThat(p.poll(true, true)).isSameAs(proven);
    assertThat(p.poll(true, false)).isNull();
    assertThat(p.poll(false, true)).isSameAs(unproven);
  }

  @Test
  void closed_middleOfList_unlinkedAndOthersKeepTheirOrder() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT.withMaxConn(10));
    List<ServerLeg> legs = connected(p, 3);
    legs.forEach(l -> p.offer(l, false));
    assertThat(p.server.idleConnections()).isEqualTo(3);

    legs.get(1).channel.close();

    assertThat(p.idle()).isEqualTo(2);
    assertThat(p.server.idleConnections()).isEqualTo(2);
    assertThat(legs.get(1).chain).isNull();
    assertThat(legs.get(1).idlePrev).isNull();
    assertThat(legs.get(1).idleNext).isNull();
    assertThat(p.poll(false, true)).isSameAs(legs.get(0));
    assertThat(p.poll(false, true)).isSameAs(legs.get(2));
    assertThat(p.unproven.head).isNull();
    assertThat(p.unproven.tail).isNull();
  }

  @Test
  void closed_everyConnection_nothingLeftCounted() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT.withMaxConn(10));
    List<ServerLeg> legs = connected(p, 4);
    p.offer(legs.get(0), false);
    p.offer(legs.get(1), true);
    p.poll(true, false);

    legs.forEach(l -> l.channel.close());

    assertThat(p.idle()).isZero();
    assertThat(p.used).isZero();
    assertThat(p.server.idleConnections()).isZero();
    assertThat(p.proven.size + p.unproven.size).isZero();
    assertThat(legs).allSatisfy(l -> assertThat(l.counted).isFalse());
  }

  @Test
  void offer_closedChannel_refused() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT);
    ServerLeg leg = connected(p);
    leg.channel.close();

    assertThat(p.offer(leg, true)).isFalse();
    assertThat(p.idle()).isZero();
  }

  @Test
  void offer_sequentialFirstRequests_keepsOneUnlessLowConnAllowsMore() {
    // haproxy 2.6.12, http-reuse safe: ten clients one after the other, one request each, leave one
    // idle origin connection (pool-low-conn 0) or six (pool-low-conn 5).
    for (int low : new int[] {0, 5}) {
      IdlePool p = pool(IdleConnectionPool.DEFAULT.withLowConn(low));
      int kept = 0;
      for (int i = 0; i < 10; i++) {
        ServerLeg leg = connected(p);
        if (p.offer(leg, false)) {
          kept++;
        } else {
          leg.channel.close();
        }
      }
      assertThat(kept).as("pool-low-conn %d", low).isEqualTo(1 + low);
      assertThat(p.idle()).isEqualTo(1 + low);
      assertThat(p.used).isZero();
    }
  }

  @Test
  void offer_maxConn_boundsIdleConnectionsOfTheServer() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT.withMaxConn(3));
    List<ServerLeg> legs = connected(p, 5);

    long kept = legs.stream().filter(l -> p.offer(l, true)).count();

    assertThat(kept).isEqualTo(3);
    assertThat(p.server.idleConnections()).isEqualTo(3);
  }

  @Test
  void offer_maxConnZeroOrPurgeDelayZero_keepsNothing() {
    for (IdleConnectionPool cfg : List.of(IdleConnectionPool.DEFAULT.withMaxConn(0),
        IdleConnectionPool.DEFAULT.withPurgeDelay(Duration.ZERO))) {
      IdlePool p = pool(cfg);
      assertThat(p.offer(connected(p), true)).as("%s", cfg).isFalse();
      assertThat(p.idle()).isZero();
    }
  }

  @Test
  void purge_twentyIdleAfterBurst_halvesTheSurplusAsHaproxy() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT);
    List<ServerLeg> legs = connected(p, 20);
    legs.forEach(l -> assertThat(p.offer(l, true)).isTrue());
    assertThat(p.estNeed).isEqualTo(20);

    List<Integer> idle = new ArrayList<>();
    List<Integer> need = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      p.purge();
      idle.add(p.idle());
      need.add(p.estNeed);
    }

    // haproxy 2.6.12 (pool-purge-delay 2s, show servers conn after each purge).
    assertThat(idle).containsExactly(20, 20, 14, 8, 4, 1, 0, 0);
    assertThat(need).containsExactly(20, 10, 5, 2, 1, 0, 0, 0);
    assertThat(p.maxUsed).isZero();
    assertThat(legs).allSatisfy(l -> assertThat(l.channel.isActive()).isFalse());
  }

  @Test
  void purge_mixedLists_closesUnprovenFirstOldestFirst() {
    IdlePool p = pool(IdleConnectionPool.DEFAULT);
    List<ServerLeg> legs = connected(p, 6);
    for (int i = 0; i < 6; i++) {
      p.offer(legs.get(i), i >= 3);
    }
    p.estNeed = 2;
    p.maxUsed = 0;

    // surplus 6 - 2 = 4: half (2) plus one are closed.
    assertThat(p.purge()).isEqualTo(3);

    assertThat(legs.subList(0, 3)).allSatisfy(l -> assertThat(l.channel.isActive()).isFalse());
    assertThat(legs.subList(3, 6)).allSatisfy(l -> assertThat(l.channel.isActive()).isTrue());
    assertThat(p.poll(true, true)).isSameAs(legs.get(3));
  }

  @Test
  void purgeTimer_idleConnections_closedWhenDelaysPass() throws InterruptedException {
    IdlePool p = pool(IdleConnectionPool.DEFAULT.withPurgeDelay(Duration.ofMillis(20)));
    List<ServerLeg> legs = connected(p, 4);
    legs.forEach(l -> p.offer(l, true));

    Await.until("the purges close every idle connection", Duration.ofSeconds(10), () -> {
      loopOwner.runScheduledPendingTasks();
      return p.idle() == 0;
    });

    assertThat(legs).allSatisfy(l -> assertThat(l.channel.isActive()).isFalse());
  }
}
