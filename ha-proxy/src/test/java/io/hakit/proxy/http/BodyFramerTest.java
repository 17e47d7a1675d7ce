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
  void loggedBytes_chunked_dataTrailersAndEndAsHaproxyCounts() {
    // haproxy 2.6 -db, log-format "%B": a chunked body "5 hello / 6  world / 0 / X-T: 1" costs 11 + 4 + 1.
    String body = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n";
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    ByteBuf whole = buf(body);
    assertThat(framer.loggedBytes(whole, framer.scan(whole))).isEqualTo(16);
    whole.release();
    // The same body a byte at a time: the counts add up to the same.
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    int total = 0;
    for (char c : body.toCharArray()) {
      ByteBuf b = buf(String.valueOf(c));
      total += framer.loggedBytes(b, framer.scan(b));
      b.release();
    }
    assertThat(total).isEqualTo(16);
    // Without trailers the end still costs 1 byte (haproxy: 11 data + 1).
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    ByteBuf plain = buf("b\r\nhello world\r\n0\r\n\r\n");
    assertThat(framer.loggedBytes(plain, framer.scan(plain))).isEqualTo(12);
    assertThat(framer.loggedBytes(plain, framer.scan(plain))).as("nothing more to scan").isZero();
    plain.release();
  }

  @Test
  void loggedBytes_contentLength_everyByte() {
    framer.reset(BodyFramer.Kind.LENGTH, 5);
    ByteBuf b = buf("helloGET /");
    assertThat(framer.loggedBytes(b, framer.scan(b))).isEqualTo(5);
    b.release();
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
