package io.hakit.proxy.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a listening socket whose accept() fails for good (EINVAL, EBADF: the socket was shut down
 * under us, e.g. by {@code ss -K}), instead of letting the event loop spin on the same error. The
 * listener's close then reports the proxy as not listening. Transient errors (EMFILE, ENFILE,
 * ECONNABORTED) keep the listener. Sits on the server channel; runs on its event loop.
 */
@ChannelHandler.Sharable
public final class DeadListenerGuard extends ChannelInboundHandlerAdapter {
  private static final Logger logger = LoggerFactory.getLogger(DeadListenerGuard.class);
  public static final DeadListenerGuard INSTANCE = new DeadListenerGuard();

  private DeadListenerGuard() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    if (cause instanceof IOException
        && (message.contains("Invalid argument") || message.contains("Bad file descriptor"))) {
      logger.warn("listener {} is dead ({}): closing it", ctx.channel().localAddress(), message);
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
