package io.hakit.proxy.transport;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a Netty 4.2.18 epoll bug that loses the end of a response to a half-closed client:
 * when a channel's epoll interest set becomes empty, Netty removes the socket from epoll
 * (EPOLL_CTL_DEL) but still believes it registered, so the next change (EPOLLOUT, once the
 * socket's send buffer is full) fails with ENOENT and Netty closes the channel with its pending
 * writes. Netty 4.2 runs every epoll channel level-triggered, so nothing else keeps that set
 * non-empty once the peer's FIN was read (EPOLLIN and EPOLLRDHUP dropped) and the writes drained
 * (EPOLLOUT dropped).
 *
 * <p>{@link #keepRegistered} adds EPOLLERR to the channel's interest set (epoll reports errors
 * whether asked or not, so this changes no event), which then never becomes empty. It reaches
 * Netty's protected {@code AbstractEpollChannel.setFlag} by reflection (Netty is on the class
 * path); if that fails, nothing is done and the bug stays as it was.
 */
public final class EpollRegistrationGuard {
  private static final Logger logger = LoggerFactory.getLogger(EpollRegistrationGuard.class);
  /** sys/epoll.h */
  static final int EPOLLERR = 0x008;
  private static final @Nullable MethodHandle SET_FLAG = findSetFlag();

  private EpollRegistrationGuard() {}

  private static @Nullable MethodHandle findSetFlag() {
    try {
      Method m = Class.forName("io.netty.channel.epoll.AbstractEpollChannel").getDeclaredMethod("setFlag", int.class);
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      logger.debug("Netty's epoll interest flags are not reachable; half-closed connections keep Netty's behaviour", e);
      return null;
    }
  }

  /** True when the workaround can be applied on this JVM. */
  public static boolean available() {
    return SET_FLAG != null;
  }

  /**
   * Keeps an epoll channel registered for good. Call on its event loop, while it is registered:
   * at the latest when its peer's FIN is reported (before Netty drops EPOLLIN and EPOLLRDHUP).
   */
  public static void keepRegistered(Channel channel) {
    MethodHandle setFlag = SET_FLAG;
    if (setFlag == null || !(channel instanceof EpollSocketChannel) || !channel.isRegistered() || !channel.isOpen()) {
      return;
    }
    try {
      setFlag.invoke(channel, EPOLLERR);
    } catch (Throwable e) {
      logger.debug("Could not keep {} registered: {}", channel, e.toString());
    }
  }
}
