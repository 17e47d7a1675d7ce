package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.proxy.LeakGuard;
import io.hakit.proxy.backend.RetryPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class RequestReplayTest {
  private static ByteBuf buf(String s) {
    ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer();
    b.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    return b;
  }

  private static String drain(EmbeddedChannel ch) {
    StringBuilder sb = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      sb.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return sb.toString();
  }

  @Test
  void keep_slicesWrittenTwice_sameBytesAndReleasedOnce() {
    RequestReplay r = new RequestReplay();
    ByteBuf received = buf("xxhelloyy");
    r.head(40);
    r.keep(received, 2, 5);
    received.release();
    EmbeddedChannel ch = new EmbeddedChannel();
    r.writeTo(ch);
    ch.flushOutbound();
    assertThat(drain(ch)).isEqualTo("hello");
    r.writeTo(ch);
    ch.flushOutbound();
    assertThat(drain(ch)).isEqualTo("hello");
    assertThat(r.replayable()).isTrue();
    r.clear();
    // The kept slice was the last reference to the received buffer: freed once, now.
    assertThat(received.refCnt()).isZero();
    ch.finishAndReleaseAll();
  }

  @Test
  void keep_beyondOneBuffer_notReplayableAndNothingHeld() {
    RequestReplay r = new RequestReplay();
    ByteBuf received = buf("a".repeat(RetryPolicy.MAX_REPLAY_BYTES));
    r.head(100);
    r.keep(received, 0, RetryPolicy.MAX_REPLAY_BYTES - 100);
    assertThat(r.replayable()).isTrue();
    r.keep(received, 0, 1);
    assertThat(r.replayable()).isFalse();
    assertThat(received.refCnt()).isEqualTo(1);
    received.release();
    r.clear();
  }
}
