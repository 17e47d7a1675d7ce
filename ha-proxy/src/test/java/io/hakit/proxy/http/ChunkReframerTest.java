package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.proxy.LeakGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class ChunkReframerTest {
  private final BodyFramer framer = new BodyFramer();
  private final EmbeddedChannel out = new EmbeddedChannel();

  /** Feeds the reads one by one, as a server connection would, and returns what the client gets. */
  private String reframe(String... reads) {
    framer.reset(BodyFramer.Kind.CHUNKED, 0);
    int written = 0;
    for (String r : reads) {
      ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
      in.writeCharSequence(r, StandardCharsets.ISO_8859_1);
      int n = framer.scan(in);
      written += ChunkReframer.write(out, in, framer);
      in.skipBytes(n);
      in.release();
    }
    out.flushOutbound();
    StringBuilder sb = new StringBuilder();
    ByteBuf b;
    while ((b = out.readOutbound()) != null) {
      sb.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    out.finishAndReleaseAll();
    assertThat(written).isEqualTo(sb.length());
    return sb.toString();
  }

  @Test
  void write_oneRead_chunksCoalescedAsHaproxy() {
    assertThat(reframe("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")).isEqualTo("B\r\nhello world\r\n0\r\n\r\n");
  }

  @Test
  void write_readsApart_oneChunkPerReadExtensionsDroppedTrailerNamesLowerCase() {
    // As observed from haproxy 2.6.12 for the same server writes.
    assertThat(reframe("5;x=1\r\nhello\r\n", "006\r\n world\r\n", "1a\r\n" + "z".repeat(26) + "\r\n0\r\nX-T: 1\r\n\r\n"))
        .isEqualTo("5\r\nhello\r\n6\r\n world\r\n1A\r\n" + "z".repeat(26) + "\r\n0\r\nx-t: 1\r\n\r\n");
  }

  @Test
  void write_chunkSplitAcrossReads_eachReadItsOwnChunk() {
    assertThat(reframe("b\r\nhello", " world\r\n0", "\r\n\r\n")).isEqualTo("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  }
}
