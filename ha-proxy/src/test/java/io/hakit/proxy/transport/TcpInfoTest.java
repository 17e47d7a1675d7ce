package io.hakit.proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.proxy.Await;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpInfoTest {

  /** A struct tcp_info as the kernel would fill it: state byte first, bytes_received at 128. */
  private static ByteBuffer info(int state, long bytesReceived, int length) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
    b.put(0, (byte) state);
    if (length >= 136) {
      b.putLong(128, bytesReceived);
    }
    return b;
  }

  @Test
  void bytesReceived_layoutOfLinuxTcpH_readsOffset128() {
    // linux/tcp.h: 8 x u8, 24 x u32 (rto .. total_retrans) = 104, then pacing_rate,
    // max_pacing_rate, bytes_acked: tcpi_bytes_received at 104 + 3 * 8.
    assertThat(TcpInfo.BYTES_RECEIVED_OFFSET).isEqualTo(8 + 24 * 4 + 3 * 8);
    assertThat(TcpInfo.bytesReceived(info(1, 123_456_789_012L, 232), false)).isEqualTo(123_456_789_012L);
  }

  @Test
  void bytesReceived_finCountedByTheKernel_removed() {
    assertThat(TcpInfo.bytesReceived(info(1, 1001, 232), true)).isEqualTo(1000);
    assertThat(TcpInfo.bytesReceived(info(TcpInfo.CLOSE_WAIT, 1001, 232), false)).isEqualTo(1000);
    assertThat(TcpInfo.bytesReceived(info(TcpInfo.LAST_ACK, 1, 232), false)).isZero();
  }

  @Test
  void bytesReceived_olderKernelShortStruct_unknown() {
    assertThat(TcpInfo.bytesReceived(info(1, 0, 104), false)).isEqualTo(-1);
  }

  @Test
  void bytesReceived_notAnEpollSocket_unknown() {
    assertThat(TcpInfo.bytesReceived(new io.netty.channel.embedded.EmbeddedChannel(), false)).isEqualTo(-1);
  }

  @Test
  void bytesReceived_realSocket_countsPayloadOnlyBeforeAndAfterFin() throws Exception {
    Transport epoll = Transport.resolve(TransportKind.EPOLL);
    EventLoopGroup group = epoll.newGroup(1, "tcpinfo-test");
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    CompletableFuture<Void> fin = new CompletableFuture<>();
    try {
      Channel listener = new ServerBootstrap().group(group).channel(epoll.serverChannel())
          .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
          .childHandler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
              accepted.complete(ctx.channel());
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
              if (evt instanceof ChannelInputShutdownEvent) {
                fin.complete(null);
              }
            }
          }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) listener.localAddress()).getPort())) {
        Channel ch = accepted.get(5, TimeUnit.SECONDS);
        OutputStream out = s.getOutputStream();
        out.write(new byte[70_000]);
        out.flush();
        // Not read by the application: the kernel's count includes queued bytes.
        Await.until("70000 bytes received", Duration.ofSeconds(5), () -> received(ch, false) == 70_000);
        s.shutdownOutput();
        // Netty reads the FIN by itself (the RDHUP event), and with half-closure keeps the channel open.
        fin.get(5, TimeUnit.SECONDS);
        assertThat(ch.isOpen()).isTrue();
        assertThat(received(ch, true)).isEqualTo(70_000);
        // CLOSE_WAIT says the same without the caller's help.
        assertThat(received(ch, false)).isEqualTo(70_000);
      } finally {
        listener.close().sync();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static long received(Channel ch, boolean finSeen) {
    try {
      return ch.eventLoop().submit(() -> TcpInfo.bytesReceived(ch, finSeen)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
