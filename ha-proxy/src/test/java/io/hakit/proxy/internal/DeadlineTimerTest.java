package io.hakit.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {
  private static final long MS = 1_000_000L;
  private static EventLoopGroup group;
  private static EventLoop loop;

  /** What expired, in order, with how long after its own arming. */
  private record Expiry(String kind, long afterArmNanos) {}

  private final List<Expiry> expired = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startLoop() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loop = group.next();
  }

  @AfterAll
  static void stopLoop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static <T> T onLoop(Supplier<T> action) {
    return CompletableFuture.supplyAsync(action, loop).orTimeout(5, TimeUnit.SECONDS).join();
  }

  private static void onLoop(Runnable action) {
    CompletableFuture.runAsync(action, loop).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** A timer on the loop that records its expiry relative to {@code armedAt[0]}. */
  private DeadlineTimer<String> timer(long[] armedAt) {
    return onLoop(() -> new DeadlineTimer<String>(loop,
        kind -> expired.add(new Expiry(kind, System.nanoTime() - armedAt[0]))));
  }

  private void awaitExpiries(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000 * MS;
    while (expired.size() < n) {
      assertThat(System.nanoTime()).as("waiting for %d expiries, got %s", n, expired).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void arm_noActivity_expiresOnceAfterItsDuration() throws InterruptedException {
    long[] armedAt = new long[1];
    DeadlineTimer<String> t = timer(armedAt);
    onLoop(() -> {
      armedAt[0] = System.nanoTime();
      t.arm("keep-alive", 40 * MS);
    });

    awaitExpiries(1);

    assertThat(expired).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("keep-alive");
      assertThat(e.afterArmNanos()).isGreaterThanOrEqualTo(40 * MS);
    });
    assertThat(onLoop(t::kind)).isNull();
  }

  @Test
  void touch_beforeExpiry_pushesTheDeadlineBack() throws InterruptedException {
    long[] armedAt = new long[1];
    long[] touchedAt = new long[1];
    DeadlineTimer<String> t = timer(armedAt);
    onLoop(() -> {
      armedAt[0] = System.nanoTime();
      t.arm("server", 200 * MS);
    });
    loop.schedule(() -> {
      touchedAt[0] = System.nanoTime();
      t.touch();
    }, 50, TimeUnit.MILLISECONDS);

    awaitExpiries(1);

    assertThat(touchedAt[0]).as("touched").isNotZero();
    assertThat(expired.get(0).afterArmNanos()).isGreaterThanOrEqualTo(touchedAt[0] - armedAt[0] + 200 * MS);
  }

  @Test
  void cancel_beforeExpiry_neverExpiresWhileALaterTimerOfTheSameDurationDoes() throws InterruptedException {
    long[] armedAt = new long[1];
    DeadlineTimer<String> cancelled = timer(armedAt);
    DeadlineTimer<String> kept = timer(armedAt);
    onLoop(() -> {
      armedAt[0] = System.nanoTime();
      cancelled.arm("cancelled", 30 * MS);
      kept.arm("kept", 30 * MS);
      cancelled.cancel();
    });

    awaitExpiries(1);

    assertThat(expired).extracting(Expiry::kind).containsExactly("kept");
    assertThat(onLoop(cancelled::kind)).isNull();
  }

  @Test
  void manyTimers_sameDuration_expireInOrderOfTheirDeadlines() throws InterruptedException {
    long[] armedAt = new long[1];
    DeadlineTimer<String> first = timer(armedAt);
    DeadlineTimer<String> touched = timer(armedAt);
    DeadlineTimer<String> last = timer(armedAt);
    onLoop(() -> {
      armedAt[0] = System.nanoTime();
      touched.arm("touched", 300 * MS);
      first.arm("first", 300 * MS);
    });
    // Armed 20 ms later, but the touched timer is pushed back beyond it.
    loop.schedule(() -> last.arm("last", 300 * MS), 20, TimeUnit.MILLISECONDS);
    loop.schedule(touched::touch, 60, TimeUnit.MILLISECONDS);

    awaitExpiries(3);

    assertThat(expired).extracting(Expiry::kind).containsExactly("first", "last", "touched");
    assertThat(expired.get(2).afterArmNanos()).isGreaterThanOrEqualTo(360 * MS);
  }

  @Test
  void arm_anotherDuration_replacesTheTimeoutBeingWaitedOn() throws InterruptedException {
    long[] armedAt = new long[1];
    DeadlineTimer<String> t = timer(armedAt);
    onLoop(() -> {
      t.arm("http-request", 10_000 * MS);
      armedAt[0] = System.nanoTime();
      t.arm("queue", 20 * MS);
    });

    awaitExpiries(1);

    assertThat(expired).extracting(Expiry::kind).containsExactly("queue");
  }

  @Test
  void expiry_rearmsFromItsCallback_expiresAgain() throws InterruptedException {
    long[] armedAt = new long[1];
    List<String> kinds = new CopyOnWriteArrayList<>();
    DeadlineTimer<String>[] holder = newHolder();
    holder[0] = onLoop(() -> new DeadlineTimer<String>(loop, kind -> {
      kinds.add(kind);
      if (kind.equals("once")) {
        holder[0].arm("twice", 20 * MS);
      } else {
        expired.add(new Expiry(kind, System.nanoTime() - armedAt[0]));
      }
    }));
    onLoop(() -> {
      armedAt[0] = System.nanoTime();
      holder[0].arm("once", 20 * MS);
    });

    awaitExpiries(1);

    assertThat(kinds).containsExactly("once", "twice");
    assertThat(expired.get(0).afterArmNanos()).isGreaterThanOrEqualTo(40 * MS);
  }

  @Test
  void arm_zero_meansNoTimeout() {
    long[] armedAt = new long[1];
    DeadlineTimer<String> t = timer(armedAt);

    onLoop(() -> t.arm("client", 0));

    assertThat(onLoop(t::kind)).isNull();
  }

  @Test
  void constructor_offTheLoop_isRefused() {
    assertThatThrownBy(() -> new DeadlineTimer<String>(loop, kind -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event loop");
  }

  @SuppressWarnings("unchecked")
  private static DeadlineTimer<String>[] newHolder() {
    return (DeadlineTimer<String>[]) new DeadlineTimer<?>[1];
  }
}
