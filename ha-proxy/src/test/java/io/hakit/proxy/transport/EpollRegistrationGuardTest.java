package io.hakit.proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EpollRegistrationGuardTest {

  /**
   * The case Netty 4.2.18 gets wrong: a channel that does not read (no EPOLLIN) sees its peer's FIN
   * (EPOLLRDHUP then dropped: an empty interest set, the socket leaves epoll), then writes more
   * than the socket buffers hold (EPOLLOUT needed: epoll_ctl MOD fails, Netty closes the channel).
   * With the guard applied when the FIN is reported, every byte arrives.
   */
  @Test
  void keepRegistered_peerHalfClosedThenLargeWrite_everyByteArrives() throws Exception {
    assertThat(EpollRegistrationGuard.available()).isTrue();
    Transport epoll = Transport.resolve(TransportKind.EPOLL);
    EventLoopGroup group = epoll.newGroup(1, "guard-test");
    CompletableFuture<Channel> fin = new CompletableFuture<>();
    int size = 16 * 1024 * 1024;
    try {
      Channel listener = new ServerBootstrap().group(group).channel(epoll.serverChannel())
          .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
          .childHandler(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
              if (evt instanceof ChannelInputShutdownEvent) {
                EpollRegistrationGuard.keepRegistered(ctx.channel());
                fin.complete(ctx.channel());
              }
            }
          }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) listener.localAddress()).getPort())) {
        s.setSoTimeout(10_000);
        s.shutdownOutput();
        Channel ch = fin.get(5, TimeUnit.SECONDS);
        // Let the FIN's handling finish (Netty drops EPOLLRDHUP after the event), then write.
        ChannelFuture written = ch.eventLoop().submit(() -> ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[size])))
            .get(5, TimeUnit.SECONDS);
        byte[] got = s.getInputStream().readNBytes(size);
        assertThat(got.length).isEqualTo(size);
        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(written.isSuccess()).as("write: %s", written.cause()).isTrue();
        ch.close().sync();
      } finally {
        listener.close().sync();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
