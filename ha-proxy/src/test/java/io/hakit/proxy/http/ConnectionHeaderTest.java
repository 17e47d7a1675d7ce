package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.proxy.LeakGuard;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class ConnectionHeaderTest {
  private static String written(EmbeddedChannel ch) {
    ch.flushOutbound();
    StringBuilder sb = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      sb.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return sb.toString();
  }

  @Test
  void write_close_lineAddedAfterTheLastHeader() {
    EmbeddedChannel ch = new EmbeddedChannel();
    int n = ConnectionHeader.write(ch, HttpErrors.UNAVAILABLE_503.duplicate(), ConnectionHeader.CLOSE);
    String out = written(ch);
    assertThat(out).startsWith("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 107\r\ncache-control: no-cache\r\n"
        + "content-type: text/html\r\nconnection: close\r\n\r\n<html>").endsWith("</body></html>\n");
    assertThat(n).isEqualTo(out.length());
    ch.finishAndReleaseAll();
  }

  @Test
  void write_headAlreadySaysConnection_unchanged() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ConnectionHeader.write(ch, HttpErrors.BAD_REQUEST_400.duplicate(), ConnectionHeader.CLOSE);
    assertThat(written(ch)).isEqualTo(HttpErrors.BAD_REQUEST_400.toString(StandardCharsets.ISO_8859_1));
    ch.finishAndReleaseAll();
  }

  @Test
  void write_noLine_unchanged() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ConnectionHeader.write(ch, HttpErrors.GATEWAY_TIMEOUT_504.duplicate(), null);
    assertThat(written(ch)).isEqualTo(HttpErrors.GATEWAY_TIMEOUT_504.toString(StandardCharsets.ISO_8859_1));
    ch.finishAndReleaseAll();
  }
}
