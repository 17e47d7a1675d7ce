package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadDecoderTest {
  private final HeadDecoder decoder = new HeadDecoder(true, 15360, 101);
  private final HttpHead head = new HttpHead();

  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  @Test
  void decode_splitAcrossReads_bodyLeftInBuffer() {
    ByteBuf a = buf("GET /x?y=1 HTTP/1.1\r\nHo");
    ByteBuf b = buf("st: A\r\n\r");
    ByteBuf c = buf("\nBODY");
    assertThat(decoder.decode(a, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.NEED_MORE);
    assertThat(decoder.decode(b, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.NEED_MORE);
    assertThat(decoder.decode(c, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.DONE);
    assertThat(c.toString(StandardCharsets.ISO_8859_1)).isEqualTo("BODY");
    assertThat(head.method()).isEqualTo("GET");
    assertThat(head.uri()).isEqualTo("/x?y=1");
    assertThat(head.path()).isEqualTo("/x");
    assertThat(head.get("host")).isEqualTo("A");
    a.release();
    b.release();
    c.release();
  }

  @Test
  void decode_leadingEmptyLinesAndBareLf_accepted() {
    ByteBuf a = buf("\r\n\nGET / HTTP/1.0\nX-Y:  z \n\n");
    assertThat(decoder.decode(a, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.DONE);
    assertThat(head.version()).isEqualTo(10);
    assertThat(head.get("x-y")).isEqualTo("z");
    a.release();
  }

  @Test
  void decode_http2VersionInRequestLine_treatedAsHttp11() {
    ByteBuf a = buf("GET / HTTP/2.0\r\n\r\n");
    assertThat(decoder.decode(a, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.DONE);
    assertThat(head.version()).isEqualTo(11);
    a.release();
  }

  @Test
  void decode_bareCrInsideHeader_invalid() {
    ByteBuf a = buf("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n");
    assertThat(decoder.decode(a, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.INVALID);
    a.release();
  }

  @Test
  void decode_responseStatusLine_parsed() {
    HeadDecoder d = new HeadDecoder(false, 15360, 101);
    ByteBuf a = buf("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    assertThat(d.decode(a, head, ByteBufAllocator.DEFAULT)).isEqualTo(HeadDecoder.Result.DONE);
    assertThat(head.status).isEqualTo(404);
    assertThat(head.reason).isEqualTo("Not Found");
    a.release();
  }
}
