package io.hakit.proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeanRecvByteBufAllocatorTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ChannelConfig config = channel.config();
  private final RecvByteBufAllocator.ExtendedHandle handle =
      (RecvByteBufAllocator.ExtendedHandle) new LeanRecvByteBufAllocator(4).newHandle();

  @AfterEach
  void close() {
    channel.close();
  }

  /** One read of {@code bytes} into a buffer of the current guess, as a transport does it. */
  private void read(int bytes) {
    handle.attemptedBytesRead(handle.guess());
    handle.lastBytesRead(Math.min(bytes, handle.guess()));
    handle.incMessagesRead(1);
  }

  /** A whole readiness event: reset, reads, complete. */
  private void event(int... reads) {
    handle.reset(config);
    for (int r : reads) {
      read(r);
    }
    handle.readComplete();
  }

  @Test
  void allocate_fresh_initialSize() {
    ByteBuf buf = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
    try {
      assertThat(buf.capacity()).isEqualTo(LeanRecvByteBufAllocator.INITIAL);
    } finally {
      buf.release();
    }
  }

  @Test
  void fullReads_growFourfoldUpToTheMaximum() {
    handle.reset(config);
    read(1 << 20);
    assertThat(handle.guess()).isEqualTo(LeanRecvByteBufAllocator.INITIAL * 4);
    for (int i = 0; i < 5; i++) {
      read(1 << 20);
    }
    assertThat(handle.guess()).isEqualTo(LeanRecvByteBufAllocator.MAXIMUM);
  }

  @Test
  void smallEvents_twiceInARow_halveDownToTheMinimum() {
    event(100);
    assertThat(handle.guess()).as("one small event is not enough").isEqualTo(LeanRecvByteBufAllocator.INITIAL);
    event(100);
    assertThat(handle.guess()).isEqualTo(LeanRecvByteBufAllocator.INITIAL / 2);
    for (int i = 0; i < 20; i++) {
      event(10);
    }
    assertThat(handle.guess()).isEqualTo(LeanRecvByteBufAllocator.MINIMUM);
  }

  @Test
  void continueReading_onlyWhileFullReadsAutoReadAndBudgetLeft() {
    handle.reset(config);
    assertThat(handle.continueReading()).as("nothing read yet").isFalse();
    read(1 << 20);
    assertThat(handle.continueReading()).as("full read").isTrue();
    read(10);
    assertThat(handle.continueReading()).as("partial read: the socket is drained").isFalse();

    handle.reset(config);
    read(1 << 20);
    config.setAutoRead(false);
    assertThat(handle.continueReading()).as("auto-read off").isFalse();
    config.setAutoRead(true);

    handle.reset(config);
    for (int i = 0; i < 4; i++) {
      read(1 << 20);
    }
    assertThat(handle.continueReading()).as("4 reads per event used").isFalse();
    assertThat(handle.continueReading(() -> true)).as("a transport's own maybe-more cannot exceed the budget")
        .isFalse();
  }

  @Test
  void maxMessagesPerRead_notPositive_refused() {
    assertThatThrownBy(() -> new LeanRecvByteBufAllocator(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
