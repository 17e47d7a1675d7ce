package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyFramerTest {
  private final BodyFramer framer = new BodyFramer();

  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  @Test
  void scan_contentLength_stopsAtLengthLeavingPipelinedBytes() {
    framer.reset(BodyFramer.Kind.LENGTH, 5);
    ByteBuf b = buf("helloGET /");
    assertThat(framer.scan(b)).isEqualTo(5);
    assertThat(framer.isDone()).isTrue();
    b.release();
  }

  @Test
  void scan_chunkedOneByteAtATime_findsTheEnd() {
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    String body = "5;x=y\r\nhello\r\n1A\r\n" + "a".repeat(26) + "\r\n0\r\nTrailer: v\r\n\r\n";
    int total = 0;
    for (char c : body.toCharArray()) {
      ByteBuf b = buf(String.valueOf(c));
      total += framer.scan(b);
      b.release();
    }
    assertThat(total).isEqualTo(body.length());
    assertThat(framer.isDone()).isTrue();
    assertThat(framer.isInvalid()).isFalse();
  }

  @Test
  void scan_badChunkSize_invalid() {
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    ByteBuf b = buf("zz\r\nhello\r\n");
    assertThat(framer.scan(b)).isZero();
    assertThat(framer.isInvalid()).isTrue();
    b.release();
  }

  @Test
  void scan_missingCrlfAfterChunkData_invalid() {
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    ByteBuf b = buf("2\r\nabX\r\n");
    framer.scan(b);
    assertThat(framer.isInvalid()).isTrue();
    b.release();
  }

  @Test
  void scan_hugeChunkSize_invalid() {
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    ByteBuf b = buf("FFFFFFFFFFFFFFFFFF\r\n");
    framer.scan(b);
    assertThat(framer.isInvalid()).isTrue();
    b.release();
  }
}
