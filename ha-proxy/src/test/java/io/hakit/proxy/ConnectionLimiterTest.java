package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
  private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger global = new AtomicInteger();
  private final ConnectionLimiter limiter = new ConnectionLimiter(1, 0, global, clients);
  private final EmbeddedChannel listener = new EmbeddedChannel();

  /** A session handler that records what it was told. */
  private static final class Session extends ChannelInboundHandlerAdapter {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      events.add("active");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      events.add("inactive");
    }
  }

  private EmbeddedChannel accept(Session session) throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel(false, false);
    limiter.admit(ch, session);
    ch.register();
    return ch;
  }

  @Test
  void admit_freeSlot_sessionAloneInThePipeline() throws Exception {
    limiter.addListener(listener);
    Session session = new Session();

    EmbeddedChannel ch = accept(session);

    assertThat(session.events).containsExactly("active");
    assertThat(ch.pipeline().names()).hasSize(2); // the session and Netty's tail
    assertThat(clients).containsExactly(ch);
    assertThat(listener.config().isAutoRead()).as("limit reached: listener paused").isFalse();
    ch.close();
    assertThat(session.events).containsExactly("active", "inactive");
    assertThat(clients).isEmpty();
    assertThat(global).hasValue(0);
    assertThat(listener.config().isAutoRead()).as("slot free again").isTrue();
  }

  @Test
  void admit_noSlot_parkedUnreadUntilTheFirstLeaves() throws Exception {
    limiter.addListener(listener);
    Session first = new Session();
    Session second = new Session();
    EmbeddedChannel a = accept(first);

    EmbeddedChannel b = accept(second);

    assertThat(second.events).isEmpty();
    assertThat(b.config().isAutoRead()).isFalse();
    assertThat(clients).containsExactlyInAnyOrder(a, b);
    a.close();
    b.runPendingTasks();
    assertThat(second.events).containsExactly("active");
    assertThat(b.config().isAutoRead()).isTrue();
    assertThat(b.pipeline().names()).hasSize(2);
    assertThat(global).hasValue(1);
    b.close();
    assertThat(global).hasValue(0);
    assertThat(clients).isEmpty();
  }

  @Test
  void parked_closesBeforeItsTurn_takesNoSlotAndTellsTheSessionNothing() throws Exception {
    limiter.addListener(listener);
    Session second = new Session();
    EmbeddedChannel a = accept(new Session());
    EmbeddedChannel b = accept(second);

    b.close();
    a.close();

    assertThat(second.events).isEmpty();
    assertThat(global).hasValue(0);
    assertThat(clients).isEmpty();
    assertThat(listener.config().isAutoRead()).isTrue();
    Session third = new Session();
    accept(third);
    assertThat(third.events).containsExactly("active");
  }
}
